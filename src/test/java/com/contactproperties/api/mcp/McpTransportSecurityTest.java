package com.contactproperties.api.mcp;

import static com.contactproperties.support.Tokens.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.contactproperties.platform.dev.DevKeys;
import com.contactproperties.platform.dev.DevToken;
import com.contactproperties.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * /mcp as the transport and authorization specifications ask: Origin checked against the
 * allow-list, every 401 a discoverable Bearer challenge, the protected-resource metadata served
 * without a token, and sessions that only their opener may use.
 */
@QuarkusTest
class McpTransportSecurityTest {

    private static final String ACCEPT = "application/json, text/event-stream";
    private static final String METADATA = "/.well-known/oauth-protected-resource";
    private static final String INITIALIZE = new JsonObject()
            .put("jsonrpc", "2.0")
            .put("id", 1)
            .put("method", "initialize")
            .put(
                    "params",
                    new JsonObject()
                            .put("protocolVersion", "2025-06-18")
                            .put("capabilities", new JsonObject())
                            .put(
                                    "clientInfo",
                                    new JsonObject()
                                            .put("name", "security-test")
                                            .put("version", "1")))
            .encode();
    private static final String TOOLS_LIST = "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/list\"}";

    private final String tenant = newTenant();

    private static RequestSpecification mcp(String token) {
        return given().auth().oauth2(token).header("Accept", ACCEPT).contentType("application/json");
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    private static String allScopes(String tenant) {
        return Tokens.token(tenant, DevToken.ALL_SCOPES.toArray(String[]::new));
    }

    private static String open(String token) {
        String session = mcp(token)
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(200)
                .extract()
                .header("Mcp-Session-Id");
        assertNotNull(session);
        return session;
    }

    @Test
    void refusesAForeignOriginWithAProblemAndAllowsNoneOrAnAllowedOne() {
        String token = allScopes(tenant);
        mcp(token)
                .header("Origin", "http://evil.example.com")
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("http://evil.example.com"));
        mcp(token).header("Origin", "null").body(INITIALIZE).post("/mcp").then().statusCode(403);
        mcp(token)
                .header("Origin", "http://localhost:6274")
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(200);
        mcp(token).body(INITIALIZE).post("/mcp").then().statusCode(200);
    }

    @Test
    void challengesWithoutATokenNamingTheResourceMetadata() {
        given().header("Accept", ACCEPT)
                .contentType("application/json")
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .header("WWW-Authenticate", containsString("resource_metadata=\"" + base() + METADATA + "\""))
                .header("WWW-Authenticate", not(containsString("invalid_token")));
        given().get("/v1/contacts")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("resource_metadata=\"" + base() + METADATA + "\""));
    }

    @Test
    void challengesAnExpiredOrUntrustedTokenAsInvalidWithoutNamingAClass() throws NoSuchAlgorithmException {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = Tokens.sign(
                Tokens.claims(tenant, "owner", "contact:list").issuedAt(past).expiresAt(past.plusSeconds(60)));
        KeyPairGenerator keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        String otherKey = Tokens.claims(tenant, "owner", "contact:list")
                .jws()
                .sign(keys.generateKeyPair().getPrivate());
        for (String token : new String[] {expired, otherKey, "not.a.token"}) {
            mcp(token)
                    .body(INITIALIZE)
                    .post("/mcp")
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                    .header("WWW-Authenticate", containsString("resource_metadata=\"" + base() + METADATA + "\""))
                    .body(not(containsString("Exception")))
                    .body(not(containsString("io.quarkus")));
            given().auth()
                    .oauth2(token)
                    .get("/v1/contacts")
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                    .body(not(containsString("Exception")));
        }
    }

    @Test
    void servesTheProtectedResourceMetadataWithoutAToken() {
        given().get(METADATA)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("resource", containsString(base()))
                .body("authorization_servers", hasItem(DevKeys.ISSUER))
                .body("scopes_supported", hasItem("custom_field:list"))
                .body("bearer_methods_supported", hasItem("header"));
        given().auth().oauth2("not.a.token").get(METADATA).then().statusCode(200);
        given().get(METADATA + "/mcp").then().statusCode(200).body("authorization_servers", hasItem(DevKeys.ISSUER));
    }

    @Test
    void answersAnEmptyBatchWithAJsonRpcErrorAndGivesInstructionsOnInitialize() {
        String token = allScopes(tenant);
        mcp(token)
                .body("[]")
                .post("/mcp")
                .then()
                .statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo(-32600))
                .body("error.message", containsString("empty"));
        mcp(token)
                .body(INITIALIZE)
                .post("/mcp")
                .then()
                .statusCode(200)
                .body("result.instructions", containsString("list_contact_properties"))
                .body("result.instructions", containsString("confirm: true"));
    }

    @Test
    void refusesTokensWithoutAServiceRoleBeforeAnyMcpMethod() {
        String noRole = Tokens.sign(Tokens.claims(tenant, null, DevToken.ALL_SCOPES.toArray(String[]::new)));
        mcp(noRole).body(INITIALIZE).post("/mcp").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void bindsASessionToTheTenantAndUserThatOpenedIt() {
        String mine = allScopes(tenant);
        String session = open(mine);
        mcp(mine)
                .header("Mcp-Session-Id", session)
                .body(TOOLS_LIST)
                .post("/mcp")
                .then()
                .statusCode(200);

        String otherTenant = allScopes(newTenant());
        mcp(otherTenant)
                .header("Mcp-Session-Id", session)
                .body(TOOLS_LIST)
                .post("/mcp")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        String sameTenantOtherUser =
                Tokens.sign(Tokens.claims(tenant, "owner", DevToken.ALL_SCOPES.toArray(String[]::new))
                        .subject("usr_someone_else"));
        mcp(sameTenantOtherUser)
                .header("Mcp-Session-Id", session)
                .body(TOOLS_LIST)
                .post("/mcp")
                .then()
                .statusCode(404);
        mcp(mine)
                .header("Mcp-Session-Id", "never-opened")
                .body(TOOLS_LIST)
                .post("/mcp")
                .then()
                .statusCode(404);
        mcp(mine)
                .header("Mcp-Session-Id", session)
                .body(TOOLS_LIST)
                .post("/mcp")
                .then()
                .statusCode(200);
    }
}
