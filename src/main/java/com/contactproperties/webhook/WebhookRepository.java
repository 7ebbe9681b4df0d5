package com.contactproperties.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Webhook subscriptions and the per-tenant dispatch cursor that exists while a tenant has any. */
@ApplicationScoped
class WebhookRepository {

    private static final String COLUMNS =
            "id, url, event_types, description, active, disabled_reason, disabled_at," + " created_at, updated_at";

    /** The fields a change names; a null leaves the stored value. */
    record Patch(String url, List<String> eventTypes, boolean descriptionGiven, String description, Boolean active) {}

    Uni<Subscription> insert(
            SqlClient sql,
            String tenantId,
            String id,
            String url,
            List<String> eventTypes,
            String description,
            boolean active,
            String secret,
            String createdBy) {
        return sql.preparedQuery("insert into webhook_subscriptions (tenant_id, id, url, event_types, description,"
                        + " active, secret, active_since, created_at, created_by, updated_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, now(), now(), $8, now()) returning " + COLUMNS)
                .execute(Tuple.wrap(Arrays.asList(
                        tenantId, id, url, eventTypes.toArray(String[]::new), description, active, secret, createdBy)))
                .map(rows -> subscription(rows.iterator().next()));
    }

    /**
     * Starts the tenant's dispatch cursor at the newest committed event, so that a first subscription
     * is not sent the tenant's history; a cursor that exists stays where it is.
     */
    Uni<Void> ensureCursor(SqlClient sql, String tenantId) {
        return sql.preparedQuery("""
            insert into webhook_cursors (tenant_id, txid, seq, updated_at)
            select $1, coalesce(last.txid, '0'::xid8), coalesce(last.seq, 0), now()
              from (select 1) one left join lateral (
                   select txid, seq from events where tenant_id = $1
                      and txid < pg_snapshot_xmin(pg_current_snapshot()) order by txid desc, seq desc limit 1) last on true
            on conflict (tenant_id) do nothing""").execute(Tuple.of(tenantId)).replaceWithVoid();
    }

    /** Removes the tenant's cursor once its last subscription is gone: nothing is dispatched for it any more. */
    Uni<Void> dropUnusedCursor(SqlClient sql, String tenantId) {
        return sql.preparedQuery("delete from webhook_cursors c where c.tenant_id = $1"
                        + " and not exists (select 1 from webhook_subscriptions s where s.tenant_id = $1)")
                .execute(Tuple.of(tenantId))
                .replaceWithVoid();
    }

    Uni<Optional<Subscription>> find(SqlClient sql, String tenantId, String id) {
        return sql.preparedQuery("select " + COLUMNS + " from webhook_subscriptions where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(WebhookRepository::first);
    }

    /** Oldest first, after the keyset position (created_at, id) if any. */
    Uni<List<Subscription>> page(SqlClient sql, String tenantId, Instant afterCreated, String afterId, int limit) {
        String where = afterId == null ? "" : " and (created_at, id) > ($3, $4)";
        List<Object> parameters = new ArrayList<>(List.of(tenantId, limit));
        if (afterId != null) {
            parameters.add(afterCreated.atOffset(ZoneOffset.UTC));
            parameters.add(afterId);
        }
        return sql.preparedQuery("select " + COLUMNS + " from webhook_subscriptions where tenant_id = $1" + where
                        + " order by created_at, id limit $2")
                .execute(Tuple.wrap(parameters))
                .map(rows -> {
                    List<Subscription> page = new ArrayList<>();
                    rows.forEach(row -> page.add(subscription(row)));
                    return page;
                });
    }

    /**
     * Applies a change; switching a subscription on clears why it was disabled and starts it at the
     * present, so that it is not sent the events of the time it was off.
     */
    Uni<Optional<Subscription>> update(SqlClient sql, String tenantId, String id, Patch patch) {
        return sql.preparedQuery("""
            update webhook_subscriptions set url = coalesce($3, url), event_types = coalesce($4, event_types),
                   description = case when $5 then $6 else description end,
                   active_since = case when $7 and not active then now() else active_since end,
                   failing_since = case when $7 and not active then null else failing_since end,
                   disabled_reason = case when $7 then null else disabled_reason end,
                   disabled_at = case when $7 then null else disabled_at end,
                   active = coalesce($7, active), updated_at = now()
             where tenant_id = $1 and id = $2 returning\s""" + COLUMNS)
                .execute(Tuple.wrap(Arrays.asList(
                        tenantId,
                        id,
                        patch.url(),
                        patch.eventTypes() == null ? null : patch.eventTypes().toArray(String[]::new),
                        patch.descriptionGiven(),
                        patch.description(),
                        patch.active())))
                .map(WebhookRepository::first);
    }

    Uni<Optional<Subscription>> rotateSecret(SqlClient sql, String tenantId, String id, String secret) {
        return sql.preparedQuery("update webhook_subscriptions set secret = $3, updated_at = now()"
                        + " where tenant_id = $1 and id = $2 returning " + COLUMNS)
                .execute(Tuple.of(tenantId, id, secret))
                .map(WebhookRepository::first);
    }

    Uni<Boolean> delete(SqlClient sql, String tenantId, String id) {
        return sql.preparedQuery("delete from webhook_subscriptions where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Optional<Subscription> first(RowSet<Row> rows) {
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(subscription(rows.iterator().next()));
    }

    private static Subscription subscription(Row row) {
        return new Subscription(
                row.getString("id"),
                row.getString("url"),
                Arrays.asList(row.getArrayOfStrings("event_types")),
                row.getString("description"),
                row.getBoolean("active"),
                row.getString("disabled_reason"),
                instant(row.getOffsetDateTime("disabled_at")),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
