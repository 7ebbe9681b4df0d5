package com.contactproperties.customer;

import java.time.Instant;

/** One survey to deliver to one customer: {@code queued} until the delivering system marks it {@code sent} or {@code failed}. */
public record SurveyRequest(
        String id,
        String contactId,
        String email,
        String campaign,
        Instant sendAfter,
        String status,
        String reason,
        Instant createdAt,
        Instant updatedAt) {}
