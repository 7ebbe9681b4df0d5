package com.contactproperties.property;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

/** Definition rows of one tenant and entity type at a time, on the caller's connection and transaction. */
@ApplicationScoped
class DefinitionRepository {

    private static final String COLUMNS =
            "entity_type, key, title, type, choices, description, agent_active, predefined, created_at, created_by, updated_at, whole_number";
    private static final String LIVE =
            " from property_definitions where tenant_id = $1 and entity_type = $2 and deleted_at is null";

    /** Serialises definition changes of one tenant and entity type until the transaction ends. */
    Uni<Void> lock(SqlConnection connection, String tenantId, EntityType entityType) {
        return connection
                .preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("property_definitions/" + tenantId + "/" + entityType.wire()))
                .replaceWithVoid();
    }

    /** Adds the predefined contact fields of a tenant the first time it is seen. */
    Uni<Void> ensurePredefined(SqlConnection connection, String tenantId, EntityType entityType) {
        if (entityType != EntityType.CONTACT) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
            insert into property_definitions (tenant_id, entity_type, key, title, type, predefined, created_at,
                created_by, updated_at)
            values ($1, 'contact', 'email', 'Email', 'email', true, now(), 'system', now()),
                   ($1, 'contact', 'phone', 'Phone', 'phone', true, now(), 'system', now())
            on conflict do nothing""").execute(Tuple.of(tenantId)).replaceWithVoid();
    }

    /** The tenant's definitions version (V12): raised by every change to its definitions, 0 before the first. */
    Uni<Long> version(SqlConnection connection, String tenantId, EntityType entityType) {
        return connection
                .preparedQuery("select " + versionOf("$1", "$2"))
                .execute(Tuple.of(tenantId, entityType.wire()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** An SQL expression of the definitions version of the tenant and entity type that the given SQL expressions name. */
    static String versionOf(String tenant, String entityType) {
        return "coalesce((select v.version from property_definition_versions v where v.tenant_id = " + tenant
                + " and v.entity_type = " + entityType + "), 0)";
    }

    Uni<List<PropertyDefinition>> list(SqlConnection connection, String tenantId, EntityType entityType) {
        return connection
                .preparedQuery("select " + COLUMNS + LIVE + " order by predefined desc, created_at, key")
                .execute(Tuple.of(tenantId, entityType.wire()))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(DefinitionRepository::toDefinition)
                        .toList());
    }

    /** Every key of the tenant and entity type, deleted ones awaiting their purge included. */
    Uni<List<String>> keys(SqlConnection connection, String tenantId, EntityType entityType) {
        return connection
                .preparedQuery("select key from property_definitions where tenant_id = $1 and entity_type = $2")
                .execute(Tuple.of(tenantId, entityType.wire()))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(row -> row.getString(0))
                        .toList());
    }

    Uni<Long> countLive(SqlConnection connection, String tenantId, EntityType entityType) {
        return connection
                .preparedQuery("select count(*)" + LIVE)
                .execute(Tuple.of(tenantId, entityType.wire()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<Boolean> titleTaken(
            SqlConnection connection, String tenantId, EntityType entityType, String title, String exceptKey) {
        return connection
                .preparedQuery("select 1" + LIVE + " and lower(title) = lower($3) and key <> $4")
                .execute(Tuple.of(tenantId, entityType.wire(), title, exceptKey))
                .map(rows -> rows.size() > 0);
    }

    Uni<Void> insert(SqlConnection connection, String tenantId, PropertyDefinition d) {
        return connection
                .preparedQuery("insert into property_definitions (tenant_id, " + COLUMNS
                        + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
                .execute(Tuple.wrap(Arrays.asList(
                        tenantId,
                        d.entityType().wire(),
                        d.key(),
                        d.title(),
                        d.type().wire(),
                        new JsonArray(new ArrayList<>(d.choices())),
                        d.description(),
                        d.agentActive(),
                        d.predefined(),
                        utc(d.createdAt()),
                        d.createdBy(),
                        utc(d.updatedAt()),
                        d.wholeNumber())))
                .replaceWithVoid();
    }

    Uni<Void> update(SqlConnection connection, String tenantId, PropertyDefinition d) {
        return connection
                .preparedQuery("""
            update property_definitions
               set title = $4, type = $5, choices = $6, description = $7, agent_active = $8, updated_at = $9, whole_number = $10
             where tenant_id = $1 and entity_type = $2 and key = $3 and deleted_at is null""")
                .execute(Tuple.wrap(Arrays.asList(
                        tenantId,
                        d.entityType().wire(),
                        d.key(),
                        d.title(),
                        d.type().wire(),
                        new JsonArray(new ArrayList<>(d.choices())),
                        d.description(),
                        d.agentActive(),
                        utc(d.updatedAt()),
                        d.wholeNumber())))
                .replaceWithVoid();
    }

    Uni<Void> softDelete(SqlConnection connection, String tenantId, EntityType entityType, String key) {
        return connection
                .preparedQuery("update property_definitions set deleted_at = now()"
                        + " where tenant_id = $1 and entity_type = $2 and key = $3 and deleted_at is null")
                .execute(Tuple.of(tenantId, entityType.wire(), key))
                .replaceWithVoid();
    }

    /** Forgets a deleted definition once its values are purged, which frees its key. */
    Uni<Void> deletePurged(SqlConnection connection, String tenantId, String entityType, String key) {
        return connection
                .preparedQuery("delete from property_definitions where tenant_id = $1 and entity_type = $2 and key = $3"
                        + " and deleted_at is not null")
                .execute(Tuple.of(tenantId, entityType, key))
                .replaceWithVoid();
    }

    private static PropertyDefinition toDefinition(Row row) {
        JsonArray choices = row.getJsonArray("choices");
        return new PropertyDefinition(
                EntityType.valueOf(row.getString("entity_type").toUpperCase()),
                row.getString("key"),
                row.getString("title"),
                PropertyType.fromWire(row.getString("type")).orElseThrow(),
                choices == null
                        ? List.of()
                        : choices.stream().map(String::valueOf).toList(),
                row.getString("description"),
                row.getBoolean("agent_active"),
                row.getBoolean("predefined"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getString("created_by"),
                row.getOffsetDateTime("updated_at").toInstant(),
                row.getBoolean("whole_number"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
