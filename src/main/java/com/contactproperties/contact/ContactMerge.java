package com.contactproperties.contact;

import com.contactproperties.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one statement that changes existing contacts, for one contact or a thousand: custom values
 * merge in the database ({@code custom_fields || set - cleared}), so concurrent writers of different
 * properties never overwrite each other, and only the columns a change names are written.
 */
public final class ContactMerge {

  /**
   * One contact's change, as JSON text: values to set (stored form) and keys to clear, the columns
   * to write (name, email, phone, username, language, status_override; a null value clears), the
   * folders that replace the contact's (null: unchanged), and tags to add, as an array literal of
   * tag ids locked by the caller (see {@code TagNames}; null: none).
   */
  public record Change(String contactId, String set, String cleared, String columns, String folderIds, String addedTagIds) {

    /** A change from its parts; writing them as JSON is the costly part, which callers may do ahead. */
    public static Change of(String contactId, JsonNode set, Collection<String> cleared, Map<String, String> columns,
        List<Long> folderIds) {
      return new Change(contactId, Json.write(set), Json.write(cleared), Json.write(columns),
          folderIds == null ? null : Json.write(folderIds), null);
    }
  }

  private static final String MERGE = """
      update contacts c set
        custom_fields = (c.custom_fields || (u.setv)::jsonb) - array(select jsonb_array_elements_text((u.cleared)::jsonb)),
        name = case when (u.cols)::jsonb ? 'name' then coalesce((u.cols)::jsonb ->> 'name', '') else c.name end,
        email = case when (u.cols)::jsonb ? 'email' then (u.cols)::jsonb ->> 'email' else c.email end,
        phone = case when (u.cols)::jsonb ? 'phone' then (u.cols)::jsonb ->> 'phone' else c.phone end,
        username = case when (u.cols)::jsonb ? 'username' then (u.cols)::jsonb ->> 'username' else c.username end,
        language = case when (u.cols)::jsonb ? 'language' then (u.cols)::jsonb ->> 'language' else c.language end,
        status_override = case when (u.cols)::jsonb ? 'status_override' then (u.cols)::jsonb ->> 'status_override'
                               else c.status_override end,
        folder_ids = case when u.folders is null then c.folder_ids
                          else array(select jsonb_array_elements_text((u.folders)::jsonb)::bigint) end,
        tag_ids = case when u.tags is null or c.tag_ids @> (u.tags)::text[] then c.tag_ids
                       else array(select distinct x from unnest(c.tag_ids || (u.tags)::text[]) x order by x) end,
        updated_at = $2
      from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) as u(id, setv, cleared, cols, folders, tags)
      where c.tenant_id = $1 and c.id = u.id and c.deleted_at is null
      returning c.id""";

  private ContactMerge() {}

  /** Applies the changes (one per contact) and answers the ids of the live contacts it changed. */
  public static Uni<Set<String>> apply(SqlClient sql, String tenantId, List<Change> changes, Instant now) {
    List<Object> parameters = new ArrayList<>(List.of(tenantId, ContactRepository.utc(now)));
    parameters.add(changes.stream().map(Change::contactId).toArray(String[]::new));
    parameters.add(changes.stream().map(Change::set).toArray(String[]::new));
    parameters.add(changes.stream().map(Change::cleared).toArray(String[]::new));
    parameters.add(changes.stream().map(Change::columns).toArray(String[]::new));
    parameters.add(changes.stream().map(Change::folderIds).toArray(String[]::new));
    parameters.add(changes.stream().map(Change::addedTagIds).toArray(String[]::new));
    return sql.preparedQuery(MERGE).execute(Tuple.wrap(parameters)).map(rows -> {
      Set<String> updated = new HashSet<>();
      rows.forEach(row -> updated.add(row.getString(0)));
      return updated;
    });
  }
}
