package com.contactproperties.contact;

import com.contactproperties.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Set-based statements on many contacts at once, inside the caller's transaction: the one statement
 * that changes existing contacts, for one contact or a thousand (custom values merge in the database,
 * {@code custom_fields || set - cleared}, so concurrent writers of different properties never
 * overwrite each other, and only the columns a change names are written), adding tags, and finding
 * contacts by id, email or username.
 */
public final class ContactBatchRepository {

    /**
     * One contact's change, as JSON text: values to set (stored form) and keys to clear, the columns
     * to write (name, email, phone, username, language, status_override; a null value clears), the
     * folders that replace the contact's (null: unchanged), and tags to add, as a {@link #tagArray}
     * of tag ids locked by the caller (see V11; null: none).
     */
    public record Change(
            String contactId, String set, String cleared, String columns, String folderIds, String addedTagIds) {

        /** A change from its parts; writing them as JSON is the costly part, which callers may do ahead. */
        public static Change of(
                String contactId,
                JsonNode set,
                Collection<String> cleared,
                Map<String, String> columns,
                List<Long> folderIds) {
            return of(contactId, set, cleared, columns, folderIds == null ? null : Json.write(folderIds));
        }

        /**
         * A change whose folders are JSON: an array replaces the contact's folders, an object
         * {@code {"add": [...], "remove": [...]}} adds and removes some, null leaves them.
         */
        public static Change of(
                String contactId,
                JsonNode set,
                Collection<String> cleared,
                Map<String, String> columns,
                String folders) {
            return new Change(contactId, Json.write(set), Json.write(cleared), Json.write(columns), folders, null);
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
                          when jsonb_typeof((u.folders)::jsonb) = 'array'
                            then array(select jsonb_array_elements_text((u.folders)::jsonb)::bigint)
                          else array(select f.x from unnest(c.folder_ids || array(select jsonb_array_elements_text(
                                       (u.folders)::jsonb -> 'add')::bigint)) with ordinality f(x, o)
                                      where f.x <> all(array(select jsonb_array_elements_text((u.folders)::jsonb -> 'remove')::bigint))
                                      group by f.x order by min(f.o)) end,
        tag_ids = case when u.tags is null or c.tag_ids @> (u.tags)::text[] then c.tag_ids else %s end,
        updated_at = $2
      from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) as u(id, setv, cleared, cols, folders, tags)
      where c.tenant_id = $1 and c.id = u.id and c.deleted_at is null
      returning c.id""".formatted(withTags("(u.tags)::text[]"));

    /** Adds tags to contacts that lack any of them; the others keep their row version. */
    private static final String ADD_TAGS = """
      update contacts c set tag_ids = %s
        from unnest($2::text[], $3::text[]) as u(id, tags)
       where c.tenant_id = $1 and c.id = u.id and c.deleted_at is null and not c.tag_ids @> (u.tags)::text[]""".formatted(withTags("(u.tags)::text[]"));

    /**
     * Finds many live contacts at once by id, email or username (the last two compared lower-cased), for
     * the set-based writes: bulk updates, CSV imports.
     *
     * <p>Each key is looked up on its own through its unique index (a lateral sub-query with {@code
     * limit 1}, which the planner can neither flatten nor turn into a hash join), so the plan is one
     * index probe per key whatever the statistics say. Statistics lag behind a growing table: during
     * the first import into a fresh database PostgreSQL believed the tenant had one row, and both
     * {@code lower(email) = any($2)} and a plain join to the unnested keys read the tenant's whole
     * index instead, a cost growing with the table (bench/RESULTS.md).
     */
    private static final String LOOKUP = """
      select c.id, lower(c.email), lower(c.username) from unnest($2::text[]) k(v) cross join lateral (
        select id, email, username from contacts where tenant_id = $1 and id = k.v and deleted_at is null limit 1) c
      union
      select c.id, lower(c.email), lower(c.username) from unnest($3::text[]) k(v) cross join lateral (
        select id, email, username from contacts where tenant_id = $1 and email is not null and lower(email) = k.v
           and deleted_at is null limit 1) c
      union
      select c.id, lower(c.email), lower(c.username) from unnest($4::text[]) k(v) cross join lateral (
        select id, email, username from contacts where tenant_id = $1 and username is not null and lower(username) = k.v
           and deleted_at is null limit 1) c""";

    /**
     * A contact to insert, as JSON text: its columns (name, email, phone, username, language,
     * status_override; absent is null), its custom values in stored form, and its tags as a
     * {@link #tagArray} of tag ids locked by the caller (see V11; null: none).
     */
    public record NewContact(String id, String columns, String set, String tagIds) {}

    /**
     * The one statement that inserts contacts (create, import, customer upsert). It writes the search
     * text as contact_search_text (V11) computes it for a contact without identities yet, set-based:
     * left to the row trigger, that function cost an insert 22 us a row more (bench/results/9-events-cost.md).
     */
    private static final String INSERT = """
      insert into contacts (tenant_id, id, name, email, phone, username, language, status_override, custom_fields,
                            tag_ids, search_text, created_at, updated_at)
      select $1, u.id, r.name, r.email, r.phone, c ->> 'username', c ->> 'language', c ->> 'status_override',
             coalesce((u.setv)::jsonb, '{}'), r.tag_ids,
             lower(concat_ws(' ', r.name, r.email, r.phone, case when cardinality(r.tag_ids) > 0 then
                 (select string_agg(t.name, ' ') from tags t where t.tenant_id = $1 and t.id = any(r.tag_ids)) end)),
             $2, $2
        from unnest($3::text[], $4::text[], $5::text[], $6::text[]) as u(id, cols, setv, tag_ids)
        cross join lateral (select (u.cols)::jsonb) as j(c)
        cross join lateral (select coalesce(c ->> 'name', '') as name, c ->> 'email' as email, c ->> 'phone' as phone,
                                   coalesce((u.tag_ids)::text[], '{}') as tag_ids) as r""";

    private ContactBatchRepository() {}

    /** The contact's tag ids with {@code added} (an SQL expression of type text[]), sorted and without repeats. */
    private static String withTags(String added) {
        return "array(select distinct x from unnest(c.tag_ids || " + added + ") x order by x)";
    }

    /**
     * Adds to each live contact the tags of its entry, tag ids the caller has locked against their
     * deletion (see V11); entries without tags are skipped. One statement, whatever the number of contacts.
     */
    public static Uni<Void> addTags(
            SqlClient sql, String tenantId, Map<String, ? extends Collection<String>> tagIdsByContact) {
        Map<String, String> tags = new LinkedHashMap<>();
        tagIdsByContact.forEach((contactId, ids) -> {
            if (!ids.isEmpty()) {
                tags.put(contactId, tagArray(ids));
            }
        });
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery(ADD_TAGS)
                .execute(Tuple.of(
                        tenantId,
                        tags.keySet().toArray(String[]::new),
                        tags.values().toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Tag ids as a sorted PostgreSQL array literal ({@code {tag_1,tag_2}}): a tag id holds no character that needs quoting. */
    public static String tagArray(Collection<String> tagIds) {
        return "{" + String.join(",", new TreeSet<>(tagIds)) + "}";
    }

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

    /**
     * The live contacts of the tenant with any of the ids, or any of the lower-cased emails or
     * usernames: rows of (id, lower(email), lower(username)), one per contact.
     */
    public static Uni<RowSet<Row>> live(
            SqlClient sql,
            String tenantId,
            Collection<String> ids,
            Collection<String> lowerEmails,
            Collection<String> lowerUsernames) {
        return sql.preparedQuery(LOOKUP)
                .execute(Tuple.of(
                        tenantId,
                        ids.toArray(String[]::new),
                        lowerEmails.toArray(String[]::new),
                        lowerUsernames.toArray(String[]::new)));
    }

    /** Inserts the contacts, in one statement whatever their number; a taken email or username fails it. */
    public static Uni<Void> insert(SqlClient sql, String tenantId, List<NewContact> contacts, Instant now) {
        if (contacts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery(INSERT)
                .execute(Tuple.of(
                        tenantId,
                        ContactRepository.utc(now),
                        contacts.stream().map(NewContact::id).toArray(String[]::new),
                        contacts.stream().map(NewContact::columns).toArray(String[]::new),
                        contacts.stream().map(NewContact::set).toArray(String[]::new),
                        contacts.stream().map(NewContact::tagIds).toArray(String[]::new)))
                .replaceWithVoid();
    }
}
