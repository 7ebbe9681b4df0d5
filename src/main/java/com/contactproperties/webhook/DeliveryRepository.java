package com.contactproperties.webhook;

import static com.contactproperties.webhook.WebhookRepository.instant;

import com.contactproperties.platform.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deliveries: made from events by the dispatcher, claimed by senders under a lease, and the record
 * of every attempt. Events are taken in commit order below the snapshot's xmin, as the feed reads
 * them, so an event committed late is never passed over.
 */
@ApplicationScoped
class DeliveryRepository {

    private static final String VIEW = "select id, subscription_id, event_id, event_type, object_id, status, attempts,"
            + " next_attempt_at, last_status_code, last_error, created_at, completed_at, seq from webhook_deliveries";

    /** A claimed delivery with what its sender needs: where to, the secret, and the event's body. */
    record Outgoing(
            String tenantId,
            String id,
            String subscriptionId,
            String eventId,
            int attempts,
            Integer attemptLimit,
            String url,
            String secret,
            String body) {}

    /** Tenants with committed events past their cursor, at most {@code limit}. */
    Uni<List<String>> tenantsWithNewEvents(SqlClient sql, int limit) {
        return sql.preparedQuery("""
            select c.tenant_id from webhook_cursors c
             where exists (select 1 from events e where e.tenant_id = c.tenant_id and (e.txid, e.seq) > (c.txid, c.seq)
                             and e.txid < pg_snapshot_xmin(pg_current_snapshot()))
             order by c.updated_at limit $1""").execute(Tuple.of(limit)).map(rows -> {
            List<String> tenants = new ArrayList<>();
            rows.forEach(row -> tenants.add(row.getString(0)));
            return tenants;
        });
    }

    /**
     * Turns the tenant's next committed events into one delivery per matching active subscription and
     * moves the cursor past them, in one statement; a tenant another instance is dispatching is
     * skipped. Answers how many events were taken.
     */
    Uni<Integer> dispatch(SqlClient sql, String tenantId, int batch) {
        return sql.preparedQuery("""
            with cur as (
                select tenant_id, txid, seq from webhook_cursors where tenant_id = $1 for update skip locked),
            batch as (
                select e.tenant_id, e.id, e.type, e.object_id, e.occurred_at, e.txid, e.seq from events e, cur
                 where e.tenant_id = cur.tenant_id and (e.txid, e.seq) > (cur.txid, cur.seq)
                   and e.txid < pg_snapshot_xmin(pg_current_snapshot())
                 order by e.txid, e.seq limit $2),
            inserted as (
                insert into webhook_deliveries (tenant_id, id, subscription_id, event_id, event_type, object_id,
                                                next_attempt_at, created_at)
                select b.tenant_id, 'dlv_' || replace(gen_random_uuid()::text, '-', ''), s.id, b.id, b.type, b.object_id,
                       now(), now()
                  from batch b join webhook_subscriptions s on s.tenant_id = b.tenant_id and s.active
                       and ('*' = any(s.event_types) or b.type = any(s.event_types)) and b.occurred_at >= s.active_since
                 order by b.txid, b.seq, s.id
                on conflict (tenant_id, subscription_id, event_id) do nothing
                returning 1),
            last as (select txid, seq from batch order by txid desc, seq desc limit 1),
            moved as (
                update webhook_cursors c set txid = last.txid, seq = last.seq, updated_at = now() from last
                 where c.tenant_id = $1 returning 1)
            select (select count(*) from batch) as events, (select count(*) from inserted) as deliveries,
                   (select count(*) from moved) as moved""")
                .execute(Tuple.of(tenantId, batch))
                .map(rows -> rows.iterator().next().getLong("events").intValue());
    }

    /**
     * Claims due deliveries of active subscriptions under a lease, each only when no earlier delivery
     * for the same contact and subscription is still pending (order per contact), and reads what the
     * senders need with them.
     */
    Uni<List<Outgoing>> claim(SqlClient sql, String owner, long leaseSeconds, int limit) {
        return sql.preparedQuery("""
            with claimed as (
                update webhook_deliveries d set lease_owner = $1, lease_until = now() + $2 * interval '1 second'
                 where (d.tenant_id, d.id) in (
                       select p.tenant_id, p.id from webhook_deliveries p
                         join webhook_subscriptions s on s.tenant_id = p.tenant_id and s.id = p.subscription_id and s.active
                        where p.status = 'pending' and p.next_attempt_at <= now()
                          and (p.lease_until is null or p.lease_until < now())
                          and not exists (select 1 from webhook_deliveries q where q.tenant_id = p.tenant_id
                                and q.subscription_id = p.subscription_id and q.object_id = p.object_id
                                and q.status = 'pending' and q.seq < p.seq)
                        order by p.next_attempt_at, p.seq
                        limit $3
                        for update of p skip locked)
                returning d.tenant_id, d.id, d.subscription_id, d.event_id, d.attempts, d.attempt_limit)
            select c.*, s.url, s.secret, e.id as e_id, e.type, e.occurred_at, e.source, e.actor, e.task_id,
                   e.object_type, e.object_id, events_data(e.data)::text as data
              from claimed c join webhook_subscriptions s on s.tenant_id = c.tenant_id and s.id = c.subscription_id
              left join events e on e.tenant_id = c.tenant_id and e.id = c.event_id""")
                .execute(Tuple.of(owner, leaseSeconds, limit))
                .map(rows -> {
                    List<Outgoing> claimed = new ArrayList<>();
                    rows.forEach(row -> claimed.add(outgoing(row)));
                    return claimed;
                });
    }

    /** Records a successful attempt: the delivery is done and the subscription is no longer failing. */
    Uni<Boolean> succeeded(SqlClient sql, Outgoing delivery, String owner, Sender.Outcome outcome) {
        return sql.preparedQuery("""
            update webhook_deliveries set status = 'succeeded', attempts = attempts + 1, last_status_code = $4,
                   last_error = null, completed_at = now(), lease_owner = null, lease_until = null
             where tenant_id = $1 and id = $2 and lease_owner = $3 and status = 'pending'""")
                .execute(Tuple.of(delivery.tenantId(), delivery.id(), owner, outcome.statusCode()))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : attempt(sql, delivery, outcome)
                                .flatMap(x -> sql.preparedQuery("update webhook_subscriptions set failing_since = null"
                                                + " where tenant_id = $1 and id = $2 and failing_since is not null")
                                        .execute(Tuple.of(delivery.tenantId(), delivery.subscriptionId())))
                                .replaceWith(true));
    }

    /**
     * Records a failed attempt: the delivery waits {@code delayMillis} for the next one, or is failed
     * when it has made its last. Answers the delivery's status, empty when the lease was lost.
     */
    Uni<Optional<DeliveryStatus>> failed(
            SqlClient sql, Outgoing delivery, String owner, Sender.Outcome outcome, long delayMillis, int maxAttempts) {
        return sql.preparedQuery("""
            update webhook_deliveries set attempts = attempts + 1, last_status_code = $4, last_error = $5,
                   lease_owner = null, lease_until = null,
                   status = case when attempts + 1 >= coalesce(attempt_limit, $6) then 'failed' else 'pending' end,
                   completed_at = case when attempts + 1 >= coalesce(attempt_limit, $6) then now() end,
                   next_attempt_at = now() + $7 * interval '1 millisecond'
             where tenant_id = $1 and id = $2 and lease_owner = $3 and status = 'pending' returning status""")
                .execute(Tuple.wrap(Arrays.asList(
                        delivery.tenantId(),
                        delivery.id(),
                        owner,
                        outcome.statusCode(),
                        outcome.error(),
                        maxAttempts,
                        delayMillis)))
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().item(Optional.<DeliveryStatus>empty())
                        : attempt(sql, delivery, outcome)
                                // Failing since this attempt began, as its record says.
                                .flatMap(x -> sql.preparedQuery("update webhook_subscriptions set failing_since ="
                                                + " coalesce(failing_since, now() - $3 * interval '1 millisecond')"
                                                + " where tenant_id = $1 and id = $2")
                                        .execute(Tuple.of(delivery.tenantId(), delivery.subscriptionId(), (int)
                                                outcome.durationMillis())))
                                .replaceWith(Optional.of(DeliveryStatus.fromWire(
                                        rows.iterator().next().getString(0)))));
    }

    /**
     * Disables the subscription when nothing was delivered to it since the first attempt of this (failed)
     * delivery: it failed for the whole retry period. Answers whether it did.
     */
    Uni<Boolean> disableIfFailing(SqlClient sql, Outgoing delivery, String reason) {
        return sql.preparedQuery("""
            update webhook_subscriptions s set active = false, disabled_at = now(), disabled_reason = $4, updated_at = now()
             where s.tenant_id = $1 and s.id = $2 and s.active and s.failing_since is not null
               and s.failing_since <= (select min(a.attempted_at) from webhook_attempts a
                                        where a.tenant_id = $1 and a.delivery_id = $3)""")
                .execute(Tuple.of(delivery.tenantId(), delivery.subscriptionId(), delivery.id(), reason))
                .map(rows -> rows.rowCount() > 0);
    }

    private Uni<Void> attempt(SqlClient sql, Outgoing delivery, Sender.Outcome outcome) {
        return sql.preparedQuery("""
            insert into webhook_attempts (tenant_id, delivery_id, attempt, attempted_at, status_code, error, duration_ms)
            values ($1, $2, $3, now() - $6 * interval '1 millisecond', $4, $5, $6)""")
                .execute(Tuple.wrap(Arrays.asList(
                        delivery.tenantId(),
                        delivery.id(),
                        delivery.attempts() + 1,
                        outcome.statusCode(),
                        outcome.error(),
                        (int) outcome.durationMillis())))
                .replaceWithVoid();
    }

    /**
     * Queues one delivery of the subscription for an attempt now: a pending one is made due, an ended
     * one gets one more attempt. Answers the delivery, empty when the subscription has no such delivery.
     */
    Uni<Optional<Delivery>> retry(SqlClient sql, String tenantId, String subscriptionId, String id) {
        return sql.preparedQuery("""
            update webhook_deliveries set next_attempt_at = now(), completed_at = null,
                   attempt_limit = case when status = 'pending' then attempt_limit else attempts + 1 end,
                   status = 'pending'
             where tenant_id = $1 and subscription_id = $2 and id = $3 returning id""")
                .execute(Tuple.of(tenantId, subscriptionId, id))
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().item(Optional.<Delivery>empty())
                        : find(sql, tenantId, subscriptionId, id));
    }

    Uni<Optional<Delivery>> find(SqlClient sql, String tenantId, String subscriptionId, String id) {
        return sql.preparedQuery(VIEW + " where tenant_id = $1 and subscription_id = $2 and id = $3")
                .execute(Tuple.of(tenantId, subscriptionId, id))
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().item(Optional.<Delivery>empty())
                        : withAttempts(sql, tenantId, List.of(rows.iterator().next()))
                                .map(list -> Optional.of(list.get(0).delivery())));
    }

    /** A delivery and its position in the subscription's list. */
    record Listed(Delivery delivery, long seq) {}

    /** Newest first, before the delivery numbered {@code beforeSeq} if given. */
    Uni<List<Listed>> page(SqlClient sql, String tenantId, String subscriptionId, Long beforeSeq, int limit) {
        String where = " where tenant_id = $1 and subscription_id = $2" + (beforeSeq == null ? "" : " and seq < $4");
        List<Object> parameters = new ArrayList<>(List.of(tenantId, subscriptionId, limit));
        if (beforeSeq != null) {
            parameters.add(beforeSeq);
        }
        return sql.preparedQuery(VIEW + where + " order by seq desc limit $3")
                .execute(Tuple.wrap(parameters))
                .flatMap(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return withAttempts(sql, tenantId, list);
                });
    }

    private Uni<List<Listed>> withAttempts(SqlClient sql, String tenantId, List<Row> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] ids = deliveries.stream().map(row -> row.getString("id")).toArray(String[]::new);
        return sql.preparedQuery("select delivery_id, attempt, attempted_at, status_code, error, duration_ms"
                        + " from webhook_attempts where tenant_id = $1 and delivery_id = any($2) order by attempt")
                .execute(Tuple.of(tenantId, ids))
                .map(rows -> {
                    Map<String, List<Delivery.Attempt>> attempts = new LinkedHashMap<>();
                    rows.forEach(row -> attempts.computeIfAbsent(row.getString(0), k -> new ArrayList<>())
                            .add(new Delivery.Attempt(
                                    row.getInteger(1),
                                    instant(row.getOffsetDateTime(2)),
                                    row.getInteger(3),
                                    row.getString(4),
                                    row.getInteger(5))));
                    return deliveries.stream()
                            .map(row -> new Listed(
                                    delivery(row, attempts.getOrDefault(row.getString("id"), List.of())),
                                    row.getLong("seq")))
                            .toList();
                });
    }

    private static Delivery delivery(Row row, List<Delivery.Attempt> attempts) {
        DeliveryStatus status = DeliveryStatus.fromWire(row.getString("status"));
        return new Delivery(
                row.getString("id"),
                row.getString("subscription_id"),
                row.getString("event_id"),
                row.getString("event_type"),
                row.getString("object_id"),
                status,
                row.getInteger("attempts"),
                status == DeliveryStatus.PENDING ? instant(row.getOffsetDateTime("next_attempt_at")) : null,
                row.getInteger("last_status_code"),
                row.getString("last_error"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("completed_at")),
                attempts);
    }

    private static Outgoing outgoing(Row row) {
        return new Outgoing(
                row.getString("tenant_id"),
                row.getString("id"),
                row.getString("subscription_id"),
                row.getString("event_id"),
                row.getInteger("attempts"),
                row.getInteger("attempt_limit"),
                row.getString("url"),
                row.getString("secret"),
                row.getString("e_id") == null ? null : body(row));
    }

    /** The event as the feed shows it (snake_case), which is what a receiver is sent. */
    private static String body(Row row) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("id", row.getString("e_id"));
        event.put("type", row.getString("type"));
        event.put("tenant_id", row.getString("tenant_id"));
        event.put(
                "occurred_at", row.getOffsetDateTime("occurred_at").toInstant().toString());
        event.put("source", row.getString("source"));
        event.put("actor", row.getString("actor"));
        event.put("task_id", row.getString("task_id"));
        event.put("object_type", row.getString("object_type"));
        event.put("object_id", row.getString("object_id"));
        event.set("data", Json.tree(row.getString("data")));
        return Json.write(event);
    }
}
