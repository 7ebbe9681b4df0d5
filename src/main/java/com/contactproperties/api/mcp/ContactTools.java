package com.contactproperties.api.mcp;

import com.contactproperties.api.legacy.BulkApi;
import com.contactproperties.api.v1.ContactApi;
import com.contactproperties.api.v1.ContactListParams;
import com.contactproperties.bulk.BulkCommands;
import com.contactproperties.bulk.BulkService;
import com.contactproperties.contact.ContactService;
import com.contactproperties.platform.json.Json;
import com.contactproperties.platform.paging.PageRequest;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contact tools: the bulk update of seed 001, and the reads and single write an agent needs around it. */
public class ContactTools {

  private final McpAccess access;
  private final ContactService contacts;
  private final BulkService bulk;

  ContactTools(McpAccess access, ContactService contacts, BulkService bulk) {
    this.access = access;
    this.contacts = contacts;
    this.bulk = bulk;
  }

  /** The statuses a bulk update may set. */
  public enum Status {
    @JsonProperty("auto") AUTO, @JsonProperty("optout") OPTOUT, @JsonProperty("spam") SPAM
  }

  /** Orderings of a search. */
  public enum OrderBy {
    @JsonProperty("createdAt") CREATED_AT, @JsonProperty("updatedAt") UPDATED_AT, @JsonProperty("name") NAME
  }

  /** Directions of a search's ordering. */
  public enum Direction {
    @JsonProperty("asc") ASC, @JsonProperty("desc") DESC
  }

  /** One contact of a bulk update: exactly one identifier, and the changes. */
  public record BulkEntry(
      @JsonPropertyDescription("The contact's id (con_...), a string or a number. Give exactly one of id, username and email.") Object id,
      @JsonPropertyDescription("The contact's username, matched ignoring case.") String username,
      @JsonPropertyDescription("The contact's email, matched ignoring case.") String email,
      @JsonPropertyDescription("The changes; fields left out stay as they are.") Updates updates) {}

  /** The changes of one bulk entry. */
  public record Updates(
      @JsonPropertyDescription("New display name.") String name,
      @JsonPropertyDescription("auto (let the system decide), optout or spam.") Status status,
      @JsonPropertyDescription("New email; must not belong to another contact.") String email,
      @JsonPropertyDescription("New phone, in E.164 such as +48601234567.") String phone,
      @JsonPropertyDescription("ISO 639-1 language code such as en.") String language,
      @JsonProperty("folder_ids") @JsonPropertyDescription("Replaces the contact's folders (numeric folder ids).") List<Long> folderIds,
      @JsonProperty("custom_properties")
      @JsonPropertyDescription("Values by property slug (see list_contact_properties); null or \"\" clears one. Each value must fit the property's type.")
          Map<String, Object> customProperties) {}

  @Tool(name = "bulk_update_contacts", structuredContent = true, outputSchema = @Tool.OutputSchema(from = BulkApi.Answer.class),
      description = """
      Updates up to 1,000 contacts in one background task. Each entry names one contact by exactly one of id, \
      username or email, and gives its updates (name, status, email, phone, language, folder_ids, \
      custom_properties by slug). Contacts are matched before the answer: the answer lists the entries not found \
      and the entries whose values are invalid (with the reason), which are skipped while the rest are applied. \
      Returns batch_task_id (null when nothing matched): follow it with get_batch_task until its status is completed. \
      Requires the scope contact:update.""")
  public Uni<JsonNode> bulkUpdateContacts(RawMessage call,
      @ToolArg(description = "The contacts to update, 1 to 1,000 entries; two entries for one contact apply in order.")
          List<BulkEntry> contacts) {
    return access.as(call, "contact:update", caller -> {
      List<BulkCommands.Entry> entries = new ArrayList<>();
      for (BulkEntry e : contacts == null ? List.<BulkEntry>of() : contacts) {
        Updates u = e == null ? null : e.updates();
        entries.add(e == null ? new BulkCommands.Entry(null, null, null, null) : BulkCommands.Entry.of(Json.MAPPER.valueToTree(e.id()), e.username(), e.email(),
            u == null ? null : new BulkCommands.Changes(u.name(), WireNames.of(u.status()),
                u.email(), u.phone(), u.language(), u.folderIds(), values(u.customProperties()))));
      }
      return bulk.submit(caller, entries, Optional.empty(), "", BulkApi.Answer::render)
          .map(answer -> Json.tree(answer.body()));
    });
  }

  @Tool(name = "search_contacts", structuredContent = true, annotations = @Tool.Annotations(readOnlyHint = true),
      description = """
          Finds contacts, newest first by default, 50 per page (at most 500). Combine any of: search (text in name, \
          email, phone or tag name), customFields (values by property key), tagIds, channels, archived, createdAfter, \
          createdBefore. Returns contacts and nextPageToken; pass it back as pageToken for the next page (null: last \
          page). Requires the scope contact:list.""")
  public Uni<ContactApi.ListView> searchContacts(RawMessage call,
      @ToolArg(description = "Case-insensitive text contained in the name, email, phone or a tag name.", required = false) String search,
      @ToolArg(description = """
          Custom property conditions, ANDed, by key in any spelling: {"plan": "Pro"} for equality, or an object of \
          operators {"score": {"gte": 10, "lt": 20}} with gt, gte, lt, lte, ne, eq, exists (exists takes true or false).""",
          required = false) Map<String, Object> customFields,
      @ToolArg(description = "Contacts with any of these tag ids.", required = false) List<String> tagIds,
      @ToolArg(description = "Contacts with an identity on any of these channels: whatsapp, instagram, messenger, telegram, sms, email, webchat.",
          required = false) List<String> channels,
      @ToolArg(description = "true: only archived contacts; false: only live ones; left out: both.", required = false) Boolean archived,
      @ToolArg(description = "Created at or after this RFC 3339 time, such as 2026-04-30T09:00:00Z.", required = false) String createdAfter,
      @ToolArg(description = "Created before this RFC 3339 time.", required = false) String createdBefore,
      @ToolArg(description = "Ordering; createdAt when left out.", required = false) OrderBy orderBy,
      @ToolArg(description = "desc (default) or asc.", required = false) Direction orderDirection,
      @ToolArg(description = "Contacts per page, 1 to 500; 50 when left out.", required = false) Integer pageSize,
      @ToolArg(description = "nextPageToken of the previous page.", required = false) String pageToken) {
    return access.as(call, "contact:list", caller -> {
      MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
      put(query, "search", search);
      put(query, "archived", archived);
      put(query, "createdAfter", createdAfter);
      put(query, "createdBefore", createdBefore);
      put(query, "orderBy", WireNames.of(orderBy));
      put(query, "orderDirection", WireNames.of(orderDirection));
      if (tagIds != null) {
        query.put("tagIds", tagIds);
      }
      if (channels != null) {
        query.put("channels", channels);
      }
      if (customFields != null) {
        customFields.forEach((key, condition) -> {
          if (condition instanceof Map<?, ?> operators) {
            operators.forEach((op, value) -> query.add("customFields[" + key + "][" + op + "]", text(value)));
          } else {
            query.add("customFields[" + key + "]", text(condition));
          }
        });
      }
      return contacts.list(caller, ContactListParams.parse(query), PageRequest.of(pageToken, pageSize == null ? null : pageSize.toString()))
          .map(ContactApi.ListView::of);
    });
  }

  @Tool(name = "get_contact", structuredContent = true, annotations = @Tool.Annotations(readOnlyHint = true), description = """
      Reads one contact by id (con_...): name, email, phone, username, language, status, folders, identities, tag \
      ids and customFields keyed in camelCase. Requires the scope contact:read.""")
  public Uni<ContactApi.View> getContact(RawMessage call, @ToolArg(description = "The contact's id, such as con_01HV8Y5R5RFMS0TFK6PKF9H2S8.") String id) {
    return access.as(call, "contact:read", caller -> contacts.get(caller, id).map(ContactApi.View::of));
  }

  @Tool(name = "set_contact_property_value", structuredContent = true, description = """
      Sets one custom property value on one contact at once (no background task), or clears it with null or "". \
      The value must fit the property's type: a number for number, true/false for boolean, YYYY-MM-DD for date, \
      one of the choices for single_choice, a list of choices for multiple_choice. Returns the updated contact. \
      For many contacts use bulk_update_contacts. Requires the scope contact:update.""")
  public Uni<ContactApi.View> setContactPropertyValue(RawMessage call,
      @ToolArg(description = "The contact's id (con_...).") String id,
      @ToolArg(description = "The property: slug, key or title.") String slug,
      @ToolArg(description = "The new value; null or \"\" clears it.", required = false) Object value) {
    return access.as(call, "contact:update", caller -> contacts.setValue(caller, id, slug, Json.MAPPER.valueToTree(value))
        .flatMap(ignored -> contacts.get(caller, id)).map(ContactApi.View::of));
  }

  private static Map<String, JsonNode> values(Map<String, Object> values) {
    if (values == null) {
      return null;
    }
    Map<String, JsonNode> nodes = new java.util.LinkedHashMap<>();
    values.forEach((key, value) -> nodes.put(key, Json.MAPPER.valueToTree(value)));
    return nodes;
  }

  private static void put(MultivaluedMap<String, String> query, String name, Object value) {
    if (value != null) {
      query.add(name, value.toString());
    }
  }

  private static String text(Object value) {
    return value instanceof String s ? s : Json.write(value);
  }
}
