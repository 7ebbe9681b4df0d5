package com.contactproperties.webhook;

import java.time.Instant;
import java.util.List;

/** A webhook subscription as every surface shows it; its secret is shown only when created or rotated. */
public record Subscription(
        String id,
        String url,
        List<String> eventTypes,
        String description,
        boolean active,
        String disabledReason,
        Instant disabledAt,
        Instant createdAt,
        Instant updatedAt) {

    /** A subscription with the signing secret, answered once at creation and at each rotation. */
    public record WithSecret(Subscription subscription, String secret) {}
}
