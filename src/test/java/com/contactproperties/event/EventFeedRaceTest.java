package com.contactproperties.event;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.support.Races;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventFeedRaceTest {

    private static final int CHANGES_PER_WRITER = 5;

    private final String tenant = newTenant();

    @Test
    void aReaderFollowingTheCursorWhileSixteenWritersCommitMissesNothingAndSeesNothingTwice() throws Exception {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < Races.RACERS; i++) {
            contacts.add(as(tenant)
                    .body("{\"name\": \"W" + i + "\"}")
                    .post("/v1/contacts")
                    .then()
                    .statusCode(201)
                    .extract()
                    .<String>path("id"));
        }
        List<Map<String, Object>> before = Feed.await(tenant, Map.of(), Races.RACERS);
        String start = (String) before.get(before.size() - 1).get("cursor");

        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> trace = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> follow(start, writing, trace));
        List<Response> answers;
        try {
            answers = Races.race(racer -> {
                Response last = null;
                for (int k = 0; k < CHANGES_PER_WRITER; k++) {
                    last = as(tenant)
                            .body("{\"name\": \"W" + racer + "-" + k + "\"}")
                            .patch("/v1/contacts/" + contacts.get(racer));
                }
                return last;
            });
        } finally {
            writing.set(false);
        }
        answers.forEach(answer -> assertEquals(200, answer.statusCode(), answer.asString()));

        List<String> seen = reader.get(120, TimeUnit.SECONDS);
        int expected = Races.RACERS * CHANGES_PER_WRITER;
        assertEquals(expected, new HashSet<>(seen).size(), "every event, read while the writers committed");
        assertEquals(expected, seen.size(), () -> "no event twice; pages read: " + String.join("\n", trace));
        List<String> replayed = Feed.read(tenant, start, Map.of()).stream()
                .map(e -> (String) e.get("id"))
                .toList();
        assertEquals(replayed, seen, "the reader saw the feed in the order a replay shows it");
    }

    /** Reads on from {@code start} until the writers are done and every expected event is in. */
    private List<String> follow(String start, AtomicBoolean writing, List<String> trace) {
        int expected = Races.RACERS * CHANGES_PER_WRITER;
        List<String> seen = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        String cursor = start;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline) && (writing.get() || distinct.size() < expected)) {
            JsonPath page = as(tenant, "event:read")
                    .queryParam("after", cursor)
                    .queryParam("limit", 7)
                    .get("/api/v1/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<String> ids = page.getList("events.id");
            trace.add(cursor + " -> " + page.getList("events.cursor"));
            seen.addAll(ids);
            distinct.addAll(ids);
            cursor = page.getString("next_cursor");
            if (ids.isEmpty()) {
                Feed.sleep();
            }
        }
        return seen;
    }
}
