package com.contactproperties.event;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventRetentionTest {

    @Inject
    Database database;

    @Inject
    EventRetention retention;

    private final String tenant = newTenant();

    @Test
    void purgesEventsOlderThanTheRetentionAndKeepsTheRest() {
        String id = as(tenant)
                .body("{\"name\": \"Kept\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        database.execute("""
            insert into events (tenant_id, id, type, occurred_at, source, object_type, object_id, data)
            values ($1, 'evt_OLD00000000000000000000000', 'contact.created', now() - interval '8 days', 'api',
                    'contact', 'con_old', '{"changes": {}}')""", tenant);
        assertEquals(2, Feed.await(tenant, Map.of(), 2).size());

        retention.purge().await().atMost(Duration.ofSeconds(60));

        List<Map<String, Object>> left = Feed.read(tenant, null, Map.of());
        assertEquals(List.of(id), left.stream().map(e -> e.get("object_id")).toList());
    }
}
