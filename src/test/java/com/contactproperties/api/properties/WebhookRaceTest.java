package com.contactproperties.api.properties;

import static com.contactproperties.support.Races.RACERS;
import static com.contactproperties.support.Races.assertOnly;
import static com.contactproperties.support.Races.race;
import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Tokens.newTenant;
import static com.contactproperties.support.WebhookReceiver.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Webhooks under 16 real concurrent requests: writers committing in any order while the dispatcher
 * runs still give exactly one delivery per event (the unique key of deliveries and the cursor never
 * pass over a late commit), and subscriptions created at once share one dispatch cursor.
 */
@QuarkusTest
class WebhookRaceTest {

    private final String tenant = newTenant();

    private JsonPath deliveries(String webhookId) {
        return as(tenant)
                .queryParam("page_size", 500)
                .get("/api/v1/webhooks/" + webhookId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void deliversEveryEventOfSixteenConcurrentWritersExactlyOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = as(tenant)
                    .body("{\"url\": \"" + receiver.url("/in") + "\", \"event_types\": [\"contact.created\"]}")
                    .post("/api/v1/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            assertOnly(
                    race(i -> as(tenant)
                            .body("{\"name\": \"Racer\", \"email\": \"racer" + i + "@example.com\"}")
                            .post("/v1/contacts")),
                    Set.of(201));
            await("every delivery succeeded", () -> {
                List<String> statuses = deliveries(id).getList("deliveries.status");
                return statuses.size() == RACERS && statuses.stream().allMatch("succeeded"::equals);
            });

            List<String> events = deliveries(id).getList("deliveries.event_id");
            assertEquals(RACERS, new HashSet<>(events).size());
            Set<String> received = new HashSet<>();
            receiver.received("/in").forEach(r -> received.add(new JsonObject(r.body()).getString("id")));
            assertEquals(new HashSet<>(events), received);
            assertEquals(RACERS, receiver.received("/in").size(), "no event is sent twice without a failure");
        }
    }

    @Test
    void createsSixteenSubscriptionsAtOnce() throws Exception {
        assertOnly(
                race(i -> as(tenant)
                        .body("{\"url\": \"http://127.0.0.1:9/" + i + "\"}")
                        .post("/api/v1/webhooks")),
                Set.of(201));
        assertEquals(
                RACERS,
                as(tenant)
                        .get("/api/v1/webhooks")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("webhooks")
                        .size());
    }
}
