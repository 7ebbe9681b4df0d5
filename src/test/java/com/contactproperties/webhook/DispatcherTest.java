package com.contactproperties.webhook;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.platform.dev.EmbeddedDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's commit-order rule, with events written by hand in transactions the test holds
 * open: an event committed late is never passed over, and deliveries follow the commit order.
 */
@QuarkusTest
class DispatcherTest {

    private static final Map<String, String> DATABASE = EmbeddedDatabase.datasourceConfig();

    private final String tenant = newTenant();

    @Inject
    Pool pool;

    @Inject
    DeliveryRepository deliveries;

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(
                DATABASE.get("quarkus.datasource.jdbc.url"),
                DATABASE.get("quarkus.datasource.username"),
                DATABASE.get("quarkus.datasource.password"));
    }

    private void insertEvent(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into events (tenant_id, id, type, occurred_at, source, object_type, object_id, data)"
                        + " values (?, ?, 'contact.updated', now(), 'api', 'contact', 'con_same', '{}')")) {
            s.setString(1, tenant);
            s.setString(2, id);
            s.executeUpdate();
        }
    }

    private void dispatch() {
        pool.withTransaction(c -> deliveries.dispatch(c, tenant, 100)).await().atMost(Duration.ofSeconds(30));
    }

    /** Dispatches until the count is reached: another transaction of the database may hold the watermark a moment. */
    private void awaitDispatched(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (deliveredEvents().size() < count && System.nanoTime() < deadline) {
            dispatch();
            Thread.sleep(50);
        }
    }

    private List<String> deliveredEvents() throws SQLException {
        try (Connection c = jdbc();
                PreparedStatement s = c.prepareStatement(
                        "select event_id from webhook_deliveries where tenant_id = ? order by seq")) {
            s.setString(1, tenant);
            List<String> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        }
    }

    @Test
    void waitsForAnEarlierTransactionAndDeliversInCommitOrder() throws Exception {
        as(tenant)
                .body("{\"url\": \"http://127.0.0.1:9/in\", \"event_types\": [\"contact.updated\"], \"active\": true}")
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201);
        try (Connection early = jdbc();
                Connection late = jdbc()) {
            early.setAutoCommit(false);
            insertEvent(early, "evt_early");
            insertEvent(late, "evt_late");

            dispatch();
            assertEquals(List.of(), deliveredEvents(), "a later commit waits while an earlier transaction is open");

            early.commit();
            awaitDispatched(2);
            assertEquals(List.of("evt_early", "evt_late"), deliveredEvents());
        }
        dispatch();
        assertEquals(List.of("evt_early", "evt_late"), deliveredEvents(), "nothing is dispatched twice");
    }
}
