package com.contactproperties.webhook;

import java.time.Instant;
import java.util.List;

/** One event sent, or to be sent, to one subscription, with every attempt made. */
public record Delivery(
        String id,
        String subscriptionId,
        String eventId,
        String eventType,
        String objectId,
        DeliveryStatus status,
        int attemptCount,
        Instant nextAttemptAt,
        Integer lastStatusCode,
        String lastError,
        Instant createdAt,
        Instant completedAt,
        List<Attempt> attempts) {

    /** One HTTP attempt: the receiver's status code, or why no answer came. */
    public record Attempt(int number, Instant attemptedAt, Integer statusCode, String error, int durationMillis) {}
}
