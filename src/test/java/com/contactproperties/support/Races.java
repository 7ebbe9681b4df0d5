package com.contactproperties.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Real concurrent requests against the running service, released together from a start line. */
public final class Races {

    /** How many requests race. */
    public static final int RACERS = 16;

    private Races() {}

    /** Sends {@link #RACERS} requests at once ({@code request} gets the racer's index) and answers their responses in order. */
    public static List<Response> race(IntFunction<Response> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int racer = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return request.apply(racer);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Asserts that exactly one racer got {@code success} and every other a 409 problem naming
     * {@code field}: never a 5xx, never a second success.
     */
    public static void assertOneWinner(List<Response> responses, int success, String field) {
        long winners = responses.stream().filter(r -> r.statusCode() == success).count();
        for (Response r : responses) {
            assertTrue(
                    r.statusCode() == success || r.statusCode() == 409,
                    "unexpected answer " + r.statusCode() + ": " + r.asString());
            if (r.statusCode() == 409) {
                assertEquals("application/problem+json", r.contentType().split(";")[0]);
                assertEquals(field, r.jsonPath().getString("errors[0].field"), r.asString());
            }
        }
        assertEquals(1, winners, "exactly one racer succeeds");
    }

    /** Asserts that every racer got {@code success} or a 409 problem, with the allowed statuses only. */
    public static void assertOnly(List<Response> responses, Set<Integer> allowed) {
        for (Response r : responses) {
            assertTrue(allowed.contains(r.statusCode()), "unexpected answer " + r.statusCode() + ": " + r.asString());
        }
    }
}
