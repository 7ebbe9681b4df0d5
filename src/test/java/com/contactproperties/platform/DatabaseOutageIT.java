package com.contactproperties.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.contactproperties.platform.dev.DevToken;
import com.contactproperties.support.ServiceProcess;
import com.contactproperties.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service while its PostgreSQL is stopped and started again: every API call answers
 * 503 problem+json with Retry-After (never 500), readiness is 503, and the service serves again by
 * itself once the database is back, with what was stored before.
 */
class DatabaseOutageIT {

    private static EmbeddedPostgres database(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static RequestSpecification as(ServiceProcess service, String tenant) {
        return given().baseUri(service.baseUri())
                .auth()
                .oauth2(Tokens.token(tenant, DevToken.ALL_SCOPES.toArray(String[]::new)))
                .contentType(ContentType.JSON);
    }

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("status", equalTo(503))
                .body("type", equalTo("/problems/unavailable"));
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        Path data = Files.createTempDirectory("outage-pg");
        int port = freePort();
        String hostPort = "localhost:" + port + "/postgres";
        Map<String, String> datasource = Map.of(
                "quarkus.datasource.reactive.url",
                "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + hostPort,
                "quarkus.datasource.username",
                "postgres",
                "quarkus.datasource.password",
                "postgres");
        String tenant = Tokens.newTenant();
        EmbeddedPostgres postgres = database(data, port);
        try (ServiceProcess service =
                new ServiceProcess(datasource, Map.of(), Files.createTempFile("service-outage", ".log")).start()) {
            as(service, tenant)
                    .body("{\"name\": \"VIP\"}")
                    .post("/v1/tags")
                    .then()
                    .statusCode(201);

            postgres.close();
            unavailable(as(service, tenant).get("/v1/tags").then());
            unavailable(as(service, tenant)
                    .body("{\"name\": \"Ann\"}")
                    .post("/v1/contacts")
                    .then());
            unavailable(as(service, tenant).get("/api/v1/contact_properties").then());
            unavailable(as(service, tenant)
                    .body("{\"contacts\": [{\"email\": \"a@example.com\", \"contact\": {\"language\": \"de\"}}]}")
                    .put("/api/v1/contacts/bulk")
                    .then());
            given().baseUri(service.baseUri()).get("/q/health/ready").then().statusCode(503);
            given().baseUri(service.baseUri()).get("/q/health/live").then().statusCode(200);

            postgres = database(data, port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)
                    && (as(service, tenant).get("/v1/tags").then().extract().statusCode() != 200
                            || given().baseUri(service.baseUri())
                                            .get("/q/health/ready")
                                            .then()
                                            .extract()
                                            .statusCode()
                                    != 200)) {
                Thread.sleep(200);
            }
            as(service, tenant).get("/v1/tags").then().statusCode(200).body("tags.name", hasItem("VIP"));
            as(service, tenant)
                    .body("{\"name\": \"Ann\"}")
                    .post("/v1/contacts")
                    .then()
                    .statusCode(201);
            given().baseUri(service.baseUri()).get("/q/health/ready").then().statusCode(200);
        } finally {
            postgres.close();
        }
    }
}
