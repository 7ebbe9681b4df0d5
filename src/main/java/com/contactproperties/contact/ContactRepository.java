package com.contactproperties.contact;

import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.json.Json;
import com.contactproperties.property.ValuePatch;
import io.smallrye.mutiny.Uni;
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

    Uni<Optional<ContactView>> find(SqlClient sql, String tenantId, String id) {
        return sql.preparedQuery(ContactRows.SELECT + " where c.tenant_id = $1 and c.id = $2 and c.deleted_at is null")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(ContactRows.toView(rows.iterator().next())));
    }

    Uni<Boolean> exists(SqlClient sql, String tenantId, String id) {
        return sql.preparedQuery("select 1 from contacts" + LIVE)
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() > 0);
    }

    /** The live contact, other than {@code exceptId}, whose email or username is {@code value} ignoring case. */
    Uni<Optional<String>> holderOf(SqlClient sql, String tenantId, String column, String value, String exceptId) {
        return sql.preparedQuery("select id from contacts where tenant_id = $1 and " + column + " is not null"
                        + " and lower(" + column + ") = lower($2) and deleted_at is null and id <> $3")
                .execute(Tuple.of(tenantId, value, exceptId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString(0)));
    }

    Uni<Void> insert(
            SqlClient sql, String tenantId, String id, Map<String, Object> columns, ValuePatch values, Instant now) {
        return sql.preparedQuery("""
            insert into contacts (tenant_id, id, name, email, username, phone, language, status_override, custom_fields,
                                  created_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, ($9::text)::jsonb, $10, $10)""")
                .execute(Tuple.wrap(Arrays.asList(
                        tenantId,
                        id,
                        columns.getOrDefault("name", ""),
                        columns.get("email"),
                        columns.get("username"),
                        columns.get("phone"),
                        columns.get("language"),
                        columns.get("status_override"),
                        Json.write(values.set()),
                        utc(now))))
                .replaceWithVoid();
    }

    /** Writes the given columns and merges the custom values (see {@link ContactMerge}); answers whether the contact exists. */
    Uni<Boolean> update(
            SqlClient sql, String tenantId, String id, Map<String, Object> columns, ValuePatch values, Instant now) {
        Map<String, String> text = new java.util.HashMap<>();
        columns.forEach((column, value) -> text.put(column, (String) value));
        return ContactMerge.apply(
                        sql,
                        tenantId,
                        List.of(ContactMerge.Change.of(id, values.set(), values.cleared(), text, (String) null)),
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
                    return ContactMerge.addTags(sql, tenantId, Map.of(contactId, known))
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

    /** Sets or clears deleted_at or archived_at, only when it is not already in that state. */
    Uni<Boolean> mark(SqlClient sql, String tenantId, String id, String column, boolean set, Instant now) {
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
}
