package com.contactproperties.customer;

import com.contactproperties.platform.error.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The customer upsert of seed 002 in the names of the domain, and its per-subscriber results. */
public final class CustomerCommands {

    /** Most subscribers in one request. */
    public static final int MAX_SUBSCRIBERS = 1_000;

    private CustomerCommands() {}

    /** One property of a subscriber: a label, an optional seed type and a value (null or "" clears). */
    public record Property(String label, String type, JsonNode value) {}

    /** One subscriber, identified by email. */
    public record Subscriber(
            String email,
            String firstName,
            String lastName,
            String company,
            List<String> tags,
            List<Property> properties) {}

    /** What happened to one subscriber. */
    public record Result(
            String email, String status, String contactId, List<FieldError> errors, List<String> warnings) {}
}
