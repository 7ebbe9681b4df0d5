package com.contactproperties.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.platform.dev.EmbeddedDatabase;
import com.contactproperties.support.ServiceProcess;
import com.contactproperties.support.Tokens;
import com.contactproperties.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (its name matches neither *Test nor *IT): the delivery run of issue 25's
 * closing note. One CSV import of 10,000 contacts against the packaged service gives 10,000
 * contact.created events, delivered to a receiver on 127.0.0.1; it prints the time from the
 * import's end to the last delivery, and checks that none is lost. Run it with
 * {@code ./mvnw verify -Dtest=NONE -Dit.test=WebhookDeliveryBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class WebhookDeliveryBench {

    private static final Map<String, String> DATABASE = EmbeddedDatabase.datasourceConfig();
    private static final int EVENTS = Integer.getInteger("webhooks.bench.events", 10_000);

    private static int count(String sql) {
        try (Connection c = DriverManager.getConnection(
                        DATABASE.get("quarkus.datasource.jdbc.url"),
                        DATABASE.get("quarkus.datasource.username"),
                        DATABASE.get("quarkus.datasource.password"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void deliversTenThousandEventsOfOneImport() throws Exception {
        Path log = Files.createTempFile("service-webhook-bench", ".log");
        Path csv = Files.createTempFile("bench", ".csv");
        StringBuilder text = new StringBuilder("email,name\n");
        for (int i = 1; i <= EVENTS; i++) {
            text.append("bench")
                    .append(i)
                    .append("@example.com,Bench ")
                    .append(i)
                    .append('\n');
        }
        Files.writeString(csv, text);
        String tenant = Tokens.newTenant();
        Map<String, String> env = Map.of(
                "CONTACT_PROPERTIES_WEBHOOKS_ALLOW_INSECURE_URLS", "true",
                "CONTACT_PROPERTIES_RATE_LIMIT_ENABLED", "false");
        try (WebhookReceiver receiver = new WebhookReceiver();
                ServiceProcess service = new ServiceProcess(DATABASE, env, log).start()) {
            given().baseUri(service.baseUri())
                    .auth()
                    .oauth2(Tokens.token(tenant, "webhook:write"))
                    .contentType(ContentType.JSON)
                    .body("{\"url\": \"" + receiver.url("/in") + "\", \"event_types\": [\"contact.created\"]}")
                    .post("/api/v1/webhooks")
                    .then()
                    .statusCode(201);
            String importId = given().baseUri(service.baseUri())
                    .auth()
                    .oauth2(Tokens.token(tenant, "contact:create"))
                    .multiPart("file", csv.toFile(), "text/csv")
                    .post("/v1/contacts/import")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("importId");
            Instant submitted = Instant.now();
            WebhookReceiver.await(
                    "the import completed",
                    () -> "completed"
                            .equals(given().baseUri(service.baseUri())
                                    .auth()
                                    .oauth2(Tokens.token(tenant, "contact:list"))
                                    .get("/v1/contacts/imports/" + importId)
                                    .path("status")));
            Instant imported = Instant.now();
            String succeeded = "select count(*) from webhook_deliveries where tenant_id = '" + tenant
                    + "' and status = 'succeeded'";
            awaitLong(() -> count(succeeded) == EVENTS);
            Instant delivered = Instant.now();

            List<String> ids = receiver.received("/in").stream()
                    .map(r -> new JsonObject(r.body()).getString("id"))
                    .toList();
            assertEquals(EVENTS, new HashSet<>(ids).size(), "every event reached the receiver");
            System.out.printf(
                    "WEBHOOK BENCH: %d events; import %d ms; deliveries done %d ms after the import (%.0f/s);"
                            + " %d requests received, %d redeliveries%n",
                    EVENTS,
                    Duration.between(submitted, imported).toMillis(),
                    Duration.between(imported, delivered).toMillis(),
                    EVENTS
                            * 1000.0
                            / Math.max(1, Duration.between(imported, delivered).toMillis()),
                    ids.size(),
                    ids.size() - EVENTS);
        }
    }

    private static void awaitLong(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the deliveries did not end within 10 minutes");
            }
            Thread.sleep(200);
        }
    }
}
