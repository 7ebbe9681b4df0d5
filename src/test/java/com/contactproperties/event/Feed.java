package com.contactproperties.event;

import static com.contactproperties.support.Requests.as;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a tenant's event feed the way a consumer does: page after page from a cursor. */
final class Feed {

    private Feed() {}

    /** Every event the feed shows now after {@code after} for the query, following next_cursor. */
    static List<Map<String, Object>> read(String tenant, String after, Map<String, String> query) {
        List<Map<String, Object>> events = new ArrayList<>();
        String cursor = after;
        while (true) {
            var request = as(tenant, "event:read").queryParams(query).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            JsonPath page = request.get("/api/v1/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            events.addAll(page.getList("events"));
            cursor = page.getString("next_cursor");
            if (!page.getBoolean("has_more")) {
                return events;
            }
        }
    }

    /**
     * The events of the query once at least {@code count} are committed, bounded in time: the feed
     * shows an event once every transaction that began before it has ended.
     */
    static List<Map<String, Object>> await(String tenant, Map<String, String> query, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<Map<String, Object>> events = read(tenant, null, query);
        while (events.size() < count && Instant.now().isBefore(deadline)) {
            sleep();
            events = read(tenant, null, query);
        }
        return events;
    }

    static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
