package com.contactproperties.platform;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Tokens.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.contactproperties.platform.dev.DevToken;
import com.contactproperties.support.PackagedServiceResource;
import com.contactproperties.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, started by Quarkus from target/quarkus-app in its production profile, on the
 * paths a real request takes: token verification, a contact write, a filtered list, a bulk update, a
 * CSV import and an MCP call. With {@code -Paot} these requests are what trains the AOT cache, so
 * that the classes and methods they need are in it; with {@code -Dnative} they run against the native
 * executable.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedServiceResource.class)
class PackagedServiceIT {

    private final String tenant = newTenant();

    private static RequestSpecification mcp(String token) {
        return given().auth()
                .oauth2(token)
                .header("Accept", "application/json, text/event-stream")
                .contentType("application/json");
    }

    @Test
    void servesTheProductsMainPaths() {
        as(tenant)
                .body("{\"contact_property\": {\"title\": \"Score\", \"property_type\": \"number\"}}")
                .post("/api/v1/contact_properties")
                .then()
                .statusCode(201);
        String id = as(tenant)
                .body("{\"name\": \"Ann\", \"email\": \"ann@example.com\", \"customFields\": {\"score\": 7}}")
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(tenant)
                .queryParam("customFields[score][gte]", "5")
                .get("/v1/contacts")
                .then()
                .statusCode(200)
                .body("contacts[0].id", equalTo(id));

        as(tenant)
                .body(
                        "{\"contacts\": [{\"email\": \"ann@example.com\", \"contact\": {\"custom_properties\": {\"score\": 9}}}]}")
                .put("/api/v1/contacts/bulk")
                .then()
                .statusCode(202);
        awaitTask(tenant, "bulk_update");
        as(tenant).get("/v1/contacts/" + id).then().statusCode(200).body("customFields.score", equalTo(9));

        given().auth()
                .oauth2(Tokens.token(tenant, "contact:create"))
                .multiPart(
                        "file",
                        "contacts.csv",
                        "email,name,score\nbob@example.com,Bob,3\ncid@example.com,Cid,many\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "text/csv")
                .post("/v1/contacts/import")
                .then()
                .statusCode(202);
        awaitTask(tenant, "import");
        as(tenant).get("/v1/contacts/count").then().statusCode(200).body("totalSize", equalTo(2));
    }

    @Test
    void answersAnMcpClient() {
        String token = Tokens.token(tenant, DevToken.ALL_SCOPES.toArray(String[]::new));
        String session = mcp(token)
                .body(
                        "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {\"protocolVersion\":"
                                + " \"2025-06-18\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"it\", \"version\": \"1\"}}}")
                .post("/mcp")
                .then()
                .statusCode(200)
                .extract()
                .header("Mcp-Session-Id");
        mcp(token)
                .header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}")
                .post("/mcp")
                .then()
                .statusCode(202);
        mcp(token)
                .header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/call\", \"params\":"
                        + " {\"name\": \"list_contact_properties\", \"arguments\": {}}}")
                .post("/mcp")
                .then()
                .statusCode(200)
                .body(containsString("email"));
    }
}
