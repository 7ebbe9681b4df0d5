package com.contactproperties.property;

import com.contactproperties.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The stored values of one property across a tenant's live contacts (only contacts store values so
 * far): read, counted, sampled, rewritten after a retype and purged after a deletion.
 */
@ApplicationScoped
class PropertyValueRepository {

    /** Up to {@code limit} stored values of a key, by contact id after {@code after}, in id order. */
    Uni<LinkedHashMap<String, JsonNode>> values(
            SqlConnection connection, String tenantId, String key, String after, int limit) {
        return connection
                .preparedQuery("select id, (custom_fields -> $2)::text from contacts where tenant_id = $1"
                        + " and deleted_at is null and custom_fields ? $2 and id > $3 order by id limit $4")
                .execute(Tuple.of(tenantId, key, after, limit))
                .map(rows -> {
                    LinkedHashMap<String, JsonNode> values = new LinkedHashMap<>();
                    rows.forEach(row -> values.put(row.getString(0), Json.tree(row.getString(1))));
                    return values;
                });
    }

    /** How many live records hold a value of the property (only contacts store values so far). */
    Uni<Long> countHolders(SqlConnection connection, String tenantId, EntityType entityType, String key) {
        if (entityType != EntityType.CONTACT) {
            return Uni.createFrom().item(0L);
        }
        return connection
                .preparedQuery(
                        "select count(*) from contacts where tenant_id = $1 and deleted_at is null and custom_fields ? $2")
                .execute(Tuple.of(tenantId, key))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Up to {@code limit} contacts holding a value of the key, with that value, by contact id. */
    Uni<List<DefinitionCommands.Sample>> sampleHolders(
            SqlConnection connection, String tenantId, String key, int limit) {
        return connection
                .preparedQuery("select id, (custom_fields -> $2)::text as value from contacts"
                        + " where tenant_id = $1 and deleted_at is null and custom_fields ? $2 order by id limit $3")
                .execute(Tuple.of(tenantId, key, limit))
                .map(rows -> {
                    List<DefinitionCommands.Sample> samples = new ArrayList<>();
                    rows.forEach(row -> samples.add(new DefinitionCommands.Sample(
                            row.getString("id"), Json.tree(row.getString("value")), null, null)));
                    return samples;
                });
    }

    /**
     * Removes the key from the next {@code limit} live contacts still holding it, and answers how many;
     * a repeated chunk finds nothing more to do, so counters stay exact across crashes.
     */
    Uni<Integer> purge(SqlConnection connection, String tenantId, String key, int limit) {
        return connection
                .preparedQuery("""
            with batch as (
              select id from contacts where tenant_id = $1 and deleted_at is null and custom_fields ? $2
               order by id limit $3 for update)
            update contacts c set custom_fields = c.custom_fields - $2
              from batch where c.tenant_id = $1 and c.id = batch.id""")
                .execute(Tuple.of(tenantId, key, limit))
                .map(rows -> rows.rowCount());
    }

    /** Like {@link #values}, as JSON text, the contacts locked until the transaction ends. */
    Uni<LinkedHashMap<String, String>> lockValues(
            SqlConnection connection, String tenantId, String key, String after, int limit) {
        return connection
                .preparedQuery("select id, (custom_fields -> $2)::text from contacts where tenant_id = $1"
                        + " and deleted_at is null and custom_fields ? $2 and id > $3 order by id limit $4 for update")
                .execute(Tuple.of(tenantId, key, after, limit))
                .map(rows -> {
                    LinkedHashMap<String, String> values = new LinkedHashMap<>();
                    rows.forEach(row -> values.put(row.getString(0), row.getString(1)));
                    return values;
                });
    }

    /** Writes each contact's new value of the key (JSON text), or clears it where the value is null. */
    Uni<Void> rewrite(SqlConnection connection, String tenantId, String key, List<String> ids, List<String> values) {
        return connection
                .preparedQuery("""
            update contacts c set custom_fields = case when u.v is null then c.custom_fields - $2
                                                       else jsonb_set(c.custom_fields, array[$2], (u.v)::jsonb) end
              from unnest($3::text[], $4::text[]) as u(id, v)
             where c.tenant_id = $1 and c.id = u.id""")
                .execute(Tuple.of(tenantId, key, ids.toArray(String[]::new), values.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
