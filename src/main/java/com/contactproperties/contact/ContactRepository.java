package com.contactproperties.contact;

import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.json.Json;
import com.contactproperties.property.ValuePatch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contact rows of one tenant at a time; every statement names the tenant and skips deleted contacts. */
@ApplicationScoped
class ContactRepository {

    private static final String LIVE = " where tenant_id = $1 and id = $2 and deleted_at is null";

    /** {@link #select} with the tenant as parameter $1. */
    static final String SELECT = select("$1");

    /** {@link #select} with the tenant behind a sub-select (see ContactSearchRepository). */
    static final String SELECT_TENANT_SUB_SELECT = select("(select $1::text)");

    /**
     * Seed 003 shows a contact created with a phone holding a whatsapp identity of that number. It is
     * derived when read rather than stored, so that it follows the phone through every write (the REST
     * surfaces, bulk updates, imports, customer upserts) and costs no write: its id is the contact's
     * ULID under the identity prefix, and a stored whatsapp identity of the same number stands for it.
     */
    private static final String PHONE_IDENTITY_ID = "'idn_' || substr(c.id, 5)";

    /** Whether contact {@code c} shows the identity derived from its phone. */
    static final String PHONE_IDENTITY = """
      c.phone is not null and not exists (select 1 from contact_identities w where w.tenant_id = c.tenant_id
        and w.contact_id = c.id and w.channel = 'whatsapp' and w.metadata ->> 'phoneNumber' = c.phone)""";

    /**
     * Columns of {@code contacts c}, {@code tenant} being the SQL expression of the tenant's id.
     * Values of deleted properties awaiting their purge are removed in SQL, by one sub-query the
     * planner runs once per statement.
     */
    private static String select(String tenant) {
        return """
      select c.tenant_id, c.id, c.name, c.email, c.username, c.phone, c.language, c.status_override, c.folder_ids,
             c.created_at, c.updated_at, c.archived_at,
             (c.custom_fields - (select coalesce(array_agg(d.key), '{}') from property_definitions d
                                 where d.tenant_id = %s and d.entity_type = 'contact' and d.deleted_at is not null)
               )::text as custom_fields,
             (select coalesce(json_agg(x.j order by x.k), '[]') from (
                select i.id as k, json_build_object('id', i.id, 'channel', i.channel, 'metadata', i.metadata) as j
                  from contact_identities i where i.tenant_id = c.tenant_id and i.contact_id = c.id
                union all
                select %s, json_build_object('id', %s, 'channel', 'whatsapp', 'metadata', json_build_object('phoneNumber', c.phone))
                 where %s) x)::text as identities,
             c.tag_ids
        from contacts c
      """.formatted(tenant, PHONE_IDENTITY_ID, PHONE_IDENTITY_ID, PHONE_IDENTITY);
    }

    Uni<Optional<ContactView>> find(SqlClient sql, String tenantId, String id) {
        return sql.preparedQuery(SELECT + " where c.tenant_id = $1 and c.id = $2 and c.deleted_at is null")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(toView(rows.iterator().next())));
    }

    Uni<Boolean> exists(SqlClient sql, String tenantId, String id) {
        return sql.preparedQuery("select 1 from contacts" + LIVE)
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() > 0);
    }

    /** The live contact, other than {@code exceptId}, whose {@code field} (email or username) is {@code value} ignoring case. */
    Uni<Optional<String>> holderOf(SqlClient sql, String tenantId, String field, String value, String exceptId) {
        String column = switch (field) {
            case "email" -> "email";
            case "username" -> "username";
            default -> throw new IllegalArgumentException("Contacts are unique by email or username, not " + field);
        };
        return sql.preparedQuery("select id from contacts where tenant_id = $1 and " + column + " is not null"
                        + " and lower(" + column + ") = lower($2) and deleted_at is null and id <> $3")
                .execute(Tuple.of(tenantId, value, exceptId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString(0)));
    }

    Uni<Void> insert(
            SqlClient sql, String tenantId, String id, Map<String, Object> columns, ValuePatch values, Instant now) {
        ContactBatchRepository.NewContact contact =
                new ContactBatchRepository.NewContact(id, Json.write(columns), Json.write(values.set()), null);
        return ContactBatchRepository.insert(sql, tenantId, List.of(contact), now);
    }

    /** Writes the given columns and merges the custom values (see {@link ContactBatchRepository}); answers whether the contact exists. */
    Uni<Boolean> update(
            SqlClient sql, String tenantId, String id, Map<String, Object> columns, ValuePatch values, Instant now) {
        Map<String, String> text = new java.util.HashMap<>();
        columns.forEach((column, value) -> text.put(column, (String) value));
        return ContactBatchRepository.apply(
                        sql,
                        tenantId,
                        List.of(ContactBatchRepository.Change.of(
                                id, values.set(), values.cleared(), text, (String) null)),
                        now)
                .map(updated -> updated.contains(id));
    }

    Uni<Void> replaceIdentities(
            SqlClient sql, String tenantId, String contactId, List<ContactCommands.IdentityInput> identities) {
        Uni<Void> cleared = sql.preparedQuery("delete from contact_identities where tenant_id = $1 and contact_id = $2")
                .execute(Tuple.of(tenantId, contactId))
                .replaceWithVoid();
        if (identities.isEmpty()) {
            return cleared;
        }
        List<Tuple> rows = identities.stream()
                .map(identity -> Tuple.of(
                        tenantId,
                        Ids.next("idn"),
                        contactId,
                        identity.channel(),
                        identity.metadata() == null || identity.metadata().isNull()
                                ? "{}"
                                : identity.metadata().toString()))
                .toList();
        return cleared.flatMap(ignored -> sql.preparedQuery(
                                "insert into contact_identities (tenant_id, id, contact_id, channel,"
                                        + " metadata) values ($1, $2, $3, $4, ($5::text)::jsonb)")
                        .executeBatch(rows))
                .replaceWithVoid();
    }

    /** Attaches the tenant's tags among {@code tagIds}; answers the ids that are not tags of the tenant. */
    Uni<List<String>> addTags(SqlClient sql, String tenantId, String contactId, List<String> tagIds) {
        String[] ids = tagIds.toArray(String[]::new);
        // Locked against their deletion until the contact's change is committed (see V11).
        return sql.preparedQuery("select id from tags where tenant_id = $1 and id = any($2) for key share")
                .execute(Tuple.of(tenantId, ids))
                .flatMap(rows -> {
                    List<String> known = new ArrayList<>();
                    rows.forEach(row -> known.add(row.getString(0)));
                    List<String> unknown = Arrays.stream(ids)
                            .filter(id -> !known.contains(id))
                            .distinct()
                            .toList();
                    return ContactBatchRepository.addTags(sql, tenantId, Map.of(contactId, known))
                            .replaceWith(unknown);
                });
    }

    Uni<Boolean> tagExists(SqlClient sql, String tenantId, String tagId) {
        return sql.preparedQuery("select 1 from tags where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenantId, tagId))
                .map(rows -> rows.size() > 0);
    }

    Uni<Void> removeTag(SqlClient sql, String tenantId, String contactId, String tagId) {
        return sql.preparedQuery(
                        "update contacts set tag_ids = array_remove(tag_ids, $3)" + LIVE + " and tag_ids @> array[$3]")
                .execute(Tuple.of(tenantId, contactId, tagId))
                .replaceWithVoid();
    }

    /** Soft-deletes a live contact; answers whether there was one. */
    Uni<Boolean> softDelete(SqlClient sql, String tenantId, String id, Instant now) {
        return mark(sql, tenantId, id, "deleted_at", true, now);
    }

    /** Archives or unarchives a live contact; answers whether it was not already in that state. */
    Uni<Boolean> archive(SqlClient sql, String tenantId, String id, boolean archived, Instant now) {
        return mark(sql, tenantId, id, "archived_at", archived, now);
    }

    /** Sets or clears deleted_at or archived_at, only when it is not already in that state. */
    private Uni<Boolean> mark(SqlClient sql, String tenantId, String id, String column, boolean set, Instant now) {
        String condition = column + (set ? " is null" : " is not null");
        return sql.preparedQuery(
                        "update contacts set " + column + " = $3, updated_at = $4" + LIVE + " and " + condition)
                .execute(Tuple.of(tenantId, id, set ? utc(now) : null, utc(now)))
                .map(rows -> rows.rowCount() > 0);
    }

    Uni<Long> count(SqlClient sql, String tenantId, boolean archived) {
        return sql.preparedQuery(
                        "select count(*) from contacts where tenant_id = $1 and deleted_at is null and archived_at is "
                                + (archived ? "not null" : "null"))
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * Reads a row of {@link #SELECT} by column position (a name lookup per cell showed in profiles of
     * the list). The JSON columns stay text: a surface copies them into its answer.
     */
    static ContactView toView(Row row) {
        Instant archivedAt = instant(row.getOffsetDateTime(11));
        String override = row.getString(7);
        return new ContactView(
                row.getString(1),
                row.getString(0),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                override != null ? override : archivedAt != null ? "archived" : "active",
                Arrays.asList(row.getArrayOfLongs(8)),
                row.getString(13),
                Arrays.asList(row.getArrayOfStrings(14)),
                row.getString(12),
                instant(row.getOffsetDateTime(9)),
                instant(row.getOffsetDateTime(10)),
                archivedAt);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
