package com.contactproperties.api.contacts;

import com.contactproperties.contact.ContactCommands;
import com.contactproperties.contact.ContactView;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.json.InstantWriter;
import com.contactproperties.platform.json.Json;
import com.contactproperties.platform.paging.Page;
import com.contactproperties.property.Keys;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code /v1/contacts} (seed 003): camelCase, custom fields keyed by lowerCamelCase keys. */
public final class ContactApi {

    static final String EXAMPLE = """
      {"id": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8", "tenantId": "tn_01HV8Y1N3QPY9X2HBQ1M9E8D0", "name": "Anna Kowalska",
       "email": null, "username": null, "phone": "+48123456789", "language": "pl", "status": "active", "folderIds": [],
       "createdAt": "2026-04-30T09:20:00Z", "updatedAt": "2026-04-30T10:10:00Z",
       "identities": [{"id": "idn_01HV8Y7YF5J4Y7M9M7T3H3X2A1", "channel": "whatsapp", "metadata": {"phoneNumber": "+48123456789"}}],
       "tagIds": ["tag_01HV8Y9R3Q4J6A7M8N9P0Q2S4"], "customFields": {"lifecycleStage": "customer", "preferredStore": "Krakow"},
       "archivedAt": null}""";

    private ContactApi() {}

    /** An identity as sent: a channel and its data. */
    @Schema(name = "ContactIdentityInput")
    record IdentityInput(
            @Schema(enumeration = {"whatsapp", "instagram", "messenger", "telegram", "sms", "email", "webchat"})
            String channel,

            @Schema(implementation = Map.class) JsonNode metadata) {

        static List<ContactCommands.IdentityInput> toCommands(List<IdentityInput> identities) {
            return identities == null
                    ? null
                    : identities.stream()
                            .map(i -> i == null ? null : new ContactCommands.IdentityInput(i.channel, i.metadata))
                            .toList();
        }
    }

    /** A contact to create; every field is optional. */
    @Schema(name = "ContactCreateRequest")
    record Create(
            @Schema(example = "Anna Kowalska") String name,
            @Schema(example = "anna@example.com") String email,
            String username,

            @Schema(description = "Phone number in E.164 format (e.g., +48123456789)", example = "+48123456789")
            String phone,

            @Schema(description = "ISO 639-1 code", example = "pl")
            String language,

            @Schema(enumeration = {"auto", "optout", "spam"})
            String status,

            List<IdentityInput> identities,
            List<String> tagIds,

            @Schema(
                    description =
                            "Values by property: any spelling of the key (lifecycleStage, lifecycle_stage, cf_lifecycle_stage, "
                                    + "lifecycle-stage) or its title. `null` or \"\" leaves a field unset.")
            Map<String, JsonNode> customFields) {

        static ContactCommands.Create of(Create body) {
            if (body == null) {
                throw new DomainException.BadRequest(
                        "body", "is required: send a JSON object, {} for a contact with no fields");
            }
            return new ContactCommands.Create(
                    body.name,
                    body.email,
                    body.username,
                    body.phone,
                    body.language,
                    body.status,
                    IdentityInput.toCommands(body.identities),
                    body.tagIds,
                    body.customFields);
        }
    }

    /**
     * Changes to a contact. A class, not a record: an absent field stays null (unchanged) while an
     * explicit null arrives as {@code Optional.empty()} (clear).
     */
    @Schema(name = "ContactUpdateRequest")
    static final class Patch {
        @Schema(type = SchemaType.STRING, description = "New contact name. Omit the field to leave the name unchanged.")
        public Optional<String> name;

        @Schema(type = SchemaType.STRING)
        public Optional<String> email;

        @Schema(type = SchemaType.STRING)
        public Optional<String> username;

        @Schema(type = SchemaType.STRING, description = "E.164")
        public Optional<String> phone;

        @Schema(type = SchemaType.STRING, description = "ISO 639-1")
        public Optional<String> language;

        @Schema(
                type = SchemaType.STRING,
                enumeration = {"auto", "optout", "spam"})
        public Optional<String> status;

        @Schema(description = "Replaces every identity of the contact.")
        public List<IdentityInput> identities;

        @Schema(description = "Merged into the stored values; `null` or \"\" clears one.")
        public Map<String, JsonNode> customFields;

        static ContactCommands.Change of(Patch body) {
            if (body == null) {
                throw new DomainException.BadRequest("body", "is required");
            }
            return new ContactCommands.Change(
                    body.name,
                    body.email,
                    body.username,
                    body.phone,
                    body.language,
                    body.status,
                    IdentityInput.toCommands(body.identities),
                    body.customFields);
        }
    }

    /** The body of a single value: {@code value} is required, and null or "" clears it. */
    @Schema(name = "CustomFieldValueRequest")
    static final class SetValue {
        @Schema(
                required = true,
                description = "Field value for this contact; `null` or \"\" clears it.",
                example = "Krakow")
        public JsonNode value = MissingNode.getInstance();

        static JsonNode of(SetValue body) {
            if (body == null || body.value.isMissingNode()) {
                throw new DomainException.BadRequest(
                        "value", "is required: send {\"value\": ...}, with null or \"\" to clear");
            }
            return body.value;
        }
    }

    /** An identity as shown: the channel and its data. */
    @Schema(name = "ContactIdentity")
    record Identity(
            String id,
            String channel,
            @Schema(implementation = Map.class) JsonNode metadata) {}

    /**
     * A contact as this surface shows it. Written by {@link Writer}, which copies the stored JSON of
     * identities and custom fields into the answer rather than building trees of it.
     */
    @Schema(name = "Contact")
    @JsonSerialize(using = Writer.class)
    public record View(
            String id,
            String tenantId,
            @Schema(nullable = true) String name,
            @Schema(nullable = true) String email,
            @Schema(nullable = true) String username,
            @Schema(nullable = true) String phone,
            @Schema(nullable = true) String language,

            @Schema(enumeration = {"active", "archived", "optout", "spam"})
            String status,

            List<Long> folderIds,
            Instant createdAt,
            Instant updatedAt,

            @Schema(type = SchemaType.ARRAY, implementation = Identity.class)
            String identities,

            List<String> tagIds,

            @Schema(
                    type = SchemaType.OBJECT,
                    additionalProperties = JsonNode.class,
                    description = "Values by lowerCamelCase property key")
            String customFields,

            @Schema(nullable = true) Instant archivedAt) {

        public static View of(ContactView c) {
            return new View(
                    c.id(),
                    c.tenantId(),
                    c.name(),
                    c.email(),
                    c.username(),
                    c.phone(),
                    c.language(),
                    c.status(),
                    c.folderIds(),
                    c.createdAt(),
                    c.updatedAt(),
                    c.identities(),
                    c.tagIds(),
                    c.customFields(),
                    c.archivedAt());
        }
    }

    /** Writes a {@link View} field by field, re-keying its custom fields in lowerCamelCase. */
    public static final class Writer extends StdSerializer<View> {

        public Writer() {
            super(View.class);
        }

        @Override
        public void serialize(View v, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            out.writeStringField("id", v.id);
            out.writeStringField("tenantId", v.tenantId);
            out.writeStringField("name", v.name);
            out.writeStringField("email", v.email);
            out.writeStringField("username", v.username);
            out.writeStringField("phone", v.phone);
            out.writeStringField("language", v.language);
            out.writeStringField("status", v.status);
            out.writeArrayFieldStart("folderIds");
            for (long folder : v.folderIds) {
                out.writeNumber(folder);
            }
            out.writeEndArray();
            writeInstant(out, "createdAt", v.createdAt);
            writeInstant(out, "updatedAt", v.updatedAt);
            out.writeFieldName("identities");
            out.writeRawValue(v.identities);
            out.writeArrayFieldStart("tagIds");
            for (String tag : v.tagIds) {
                out.writeString(tag);
            }
            out.writeEndArray();
            out.writeFieldName("customFields");
            if (Keys.camelKeepsAll(v.customFields)) {
                // The stored text is the answer as it is (parsing and writing it again was a seventh of the
                // CPU of a list page).
                out.writeRawValue(v.customFields);
            } else {
                Json.copy(v.customFields, out, Keys::camel);
            }
            writeInstant(out, "archivedAt", v.archivedAt);
            out.writeEndObject();
        }

        private static void writeInstant(JsonGenerator out, String field, Instant instant) throws IOException {
            out.writeStringField(field, instant == null ? null : InstantWriter.format(instant));
        }
    }

    /** A page of contacts. */
    @Schema(name = "ContactList")
    public record ListView(
            List<View> contacts, @Schema(nullable = true) String nextPageToken) {

        public static ListView of(Page<ContactView> page) {
            return new ListView(page.items().stream().map(View::of).toList(), page.nextPageToken());
        }
    }

    /** The answer of the count. */
    @Schema(name = "ContactCount")
    record Count(long totalSize) {}
}
