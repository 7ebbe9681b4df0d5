package com.contactproperties.contact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a client asks of a contact, in the names of the domain. */
public final class ContactCommands {

    private ContactCommands() {}

    /** An identity to attach: a channel and that channel's data. */
    public record IdentityInput(String channel, JsonNode metadata) {}

    /** A new contact; every field is optional. {@code customFields} may name properties by any spelling. */
    public record Create(
            String name,
            String email,
            String username,
            String phone,
            String language,
            String status,
            List<IdentityInput> identities,
            List<String> tagIds,
            Map<String, JsonNode> customFields) {}

    /**
     * Changes to a contact: a null component stays as it is, {@code Optional.empty()} clears it.
     * {@code identities} replaces the contact's identities; {@code customFields} merges.
     */
    public record Change(
            Optional<String> name,
            Optional<String> email,
            Optional<String> username,
            Optional<String> phone,
            Optional<String> language,
            Optional<String> status,
            List<IdentityInput> identities,
            Map<String, JsonNode> customFields) {}
}
