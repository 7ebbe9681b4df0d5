package com.contactproperties.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Webhooks survive kill -9: the packaged service is killed while it is delivering the events of a
 * batch of changes, and the restarted service delivers every one of them, at least once.
 */
class WebhookCrashIT {

    // A database of its own: a packaged service that another integration test leaves running on the shared
    // one (prod settings, so http receivers refused) would claim these deliveries and fail them.
    private static final Map<String, String> DATABASE = ownDatabase("webhook_crash");
    private static final int CONTACTS = 300;
    private static final int CONCURRENCY = 4;
    private static final Map<String, String> WEBHOOKS = Map.of(
            "CONTACT_PROPERTIES_WEBHOOKS_ALLOW_INSECURE_URLS", "true",
            "CONTACT_PROPERTIES_WEBHOOKS_POLL_INTERVAL", "PT0.1S",
            "CONTACT_PROPERTIES_WEBHOOKS_TIMEOUT", "PT2S",
            "CONTACT_PROPERTIES_WEBHOOKS_CONCURRENCY", String.valueOf(CONCURRENCY),
            "CONTACT_PROPERTIES_WEBHOOKS_RETRY_BASE", "PT0.2S");

    private static Connection connect(Map<String, String> database) throws SQLException {
        return DriverManager.getConnection(
                database.get("quarkus.datasource.jdbc.url"),
                database.get("quarkus.datasource.username"),
                database.get("quarkus.datasource.password"));
    }

    private static Map<String, String> ownDatabase(String name) {
        Map<String, String> shared = EmbeddedDatabase.datasourceConfig();
        try (Connection c = connect(shared);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name);
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test's database", e);
        }
        Map<String, String> own = new HashMap<>(shared);
        own.replaceAll((key, value) -> key.endsWith(".url") ? value.replaceFirst("/postgres$", "/" + name) : value);
        return own;
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = connect(DATABASE);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    /** What a stalled delivery run looks like, for the failure message. */
    private static String state(String tenant) throws SQLException {
        try (Connection c = connect(DATABASE);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select string_agg(status || ' attempts=' || attempts || ' leased='"
                        + " || coalesce(lease_until > now(), false) || ' due=' || (next_attempt_at <= now()) || ': ' || n, ', ')"
                        + " from (select status, attempts, lease_until > now() as l, lease_until, next_attempt_at,"
                        + " count(*) over (partition by status, attempts, coalesce(lease_until > now(), false), next_attempt_at <= now()) as n,"
                        + " row_number() over (partition by status, attempts, coalesce(lease_until > now(), false), next_attempt_at <= now()) as k"
                        + " from webhook_deliveries where tenant_id = '" + tenant + "') x where k = 1")) {
            r.next();
            String deliveries = r.getString(1);
            try (ResultSet sub = s.executeQuery("select active || ' ' || coalesce(disabled_reason, '')"
                    + " from webhook_subscriptions where tenant_id = '" + tenant + "'")) {
                sub.next();
                return "deliveries by state: " + deliveries + "; subscription active: " + sub.getString(1);
            }
        }
    }

    private static String webhook(ServiceProcess service, String tenant, String url) {
        return given().baseUri(service.baseUri())
                .auth()
                .oauth2(Tokens.token(tenant, "webhook:write"))
                .contentType(ContentType.JSON)
                .body("{\"url\": \"" + url + "\", \"event_types\": [\"contact.created\"]}")
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void upsert(ServiceProcess service, String tenant) {
        String subscribers = IntStream.rangeClosed(1, CONTACTS)
                .mapToObj(i -> "{\"email\": \"crash" + i + "@example.com\", \"first_name\": \"Crash " + i + "\"}")
                .collect(Collectors.joining(","));
        given().baseUri(service.baseUri())
                .auth()
                .oauth2(Tokens.token(tenant, "contact:create", "contact:update"))
                .contentType(ContentType.JSON)
                .body("{\"subscribers\": [" + subscribers + "]}")
                .post("/api/v2/customers")
                .then()
                .statusCode(200);
    }

    @Test
    void deliversEveryEventAfterTheServiceIsKilledMidDelivery() throws Exception {
        Path log = Files.createTempFile("service-webhooks", ".log");
        String tenant = Tokens.newTenant();
        try (WebhookReceiver receiver = new WebhookReceiver().delaying(50)) {
            try (ServiceProcess first = new ServiceProcess(DATABASE, WEBHOOKS, log).start()) {
                webhook(first, tenant, receiver.url("/in"));
                upsert(first, tenant);
                WebhookReceiver.await(
                        "some deliveries arrived", () -> receiver.received().size() >= 20);
                first.kill();
            }
            String delivered = "select count(*) from webhook_deliveries where tenant_id = '" + tenant
                    + "' and status = 'succeeded'";
            int beforeRestart = count(delivered);
            assertTrue(beforeRestart < CONTACTS, "every delivery ended before the kill; it came too late");

            try (ServiceProcess second = new ServiceProcess(DATABASE, WEBHOOKS, log).start()) {
                try {
                    WebhookReceiver.await("every delivery succeeded", () -> {
                        try {
                            return count(delivered) == CONTACTS;
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                } catch (AssertionError timedOut) {
                    throw new AssertionError(
                            timedOut.getMessage() + ": " + count(delivered) + " succeeded of "
                                    + count("select count(*) from webhook_deliveries where tenant_id = '" + tenant
                                            + "'")
                                    + " deliveries for "
                                    + count("select count(*) from events where tenant_id = '" + tenant + "'")
                                    + " events; " + state(tenant) + "; the service log is " + log,
                            timedOut);
                }
            }
            assertEquals(
                    CONTACTS,
                    count("select count(*) from webhook_deliveries where tenant_id = '" + tenant + "'"),
                    "one delivery per event, none made twice");
            List<String> ids = receiver.received("/in").stream()
                    .map(r -> new JsonObject(r.body()).getString("id"))
                    .toList();
            Set<String> distinct = new HashSet<>(ids);
            assertEquals(
                    CONTACTS,
                    distinct.size(),
                    "every event reached the receiver ("
                            + count("select count(*) from events where tenant_id = '" + tenant + "'") + " events)");
            Map<String, Integer> repeats = new HashMap<>();
            ids.forEach(id -> repeats.merge(id, 1, Integer::sum));
            long redelivered = repeats.values().stream().filter(n -> n > 1).count();
            // At least once: only the deliveries in flight at the kill may arrive twice.
            assertTrue(redelivered <= CONCURRENCY, redelivered + " events were delivered more than once");
        }
    }
}
