package com.contactproperties.event;

import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Event rows: appended in the writer's transaction, read in commit order, purged when old. */
@ApplicationScoped
class EventRepository {

    /**
     * Only transactions below the oldest one still running have ended: their events can no longer
     * appear behind a position a reader has passed.
     */
    private static final String COMMITTED = " and txid < pg_snapshot_xmin(pg_current_snapshot())";

    private static final String COLUMNS = "select id, type, tenant_id, occurred_at, source, actor, task_id,"
            + " object_type, object_id, events_data(data)::text as data, txid::text as txid, seq from events";

    /**
     * Names the origin of the contact rows this transaction writes from now on; the contact triggers
     * (V25) read it and write one event per changed contact, set-based, with each statement.
     */
    Uni<Void> declare(SqlClient sql, EventOrigin origin) {
        return sql.preparedQuery("select set_config('contact_properties.event_source', $1, true),"
                        + " set_config('contact_properties.event_actor', $2, true),"
                        + " set_config('contact_properties.event_task', $3, true)")
                .execute(Tuple.of(origin.source(), nullToEmpty(origin.actor()), nullToEmpty(origin.taskId())))
                .replaceWithVoid();
    }

    /** As {@link #declare}, for a batch task's chunk: its author is the actor. */
    Uni<Void> declareTask(SqlClient sql, String tenantId, String taskId, String source) {
        return sql.preparedQuery("select set_config('contact_properties.event_source', $3, true),"
                        + " set_config('contact_properties.event_actor', coalesce((select created_by from tasks"
                        + " where tenant_id = $1 and id = $2), ''), true),"
                        + " set_config('contact_properties.event_task', $2, true)")
                .execute(Tuple.of(tenantId, taskId, source))
                .replaceWithVoid();
    }

    /** Appends the events in one statement, in list order. */
    Uni<Void> insert(SqlClient sql, String tenantId, EventOrigin origin, List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] ids = new String[events.size()];
        Arrays.setAll(ids, i -> Ids.next("evt"));
        return sql.preparedQuery("""
            insert into events (tenant_id, id, type, occurred_at, source, actor, task_id, object_type, object_id, data)
            select $1, u.id, u.type, now(), $2, $3, $4, u.object_type, u.object_id, (u.data)::jsonb
              from unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                   with ordinality as u(id, type, object_type, object_id, data, n)
             order by u.n""")
                .execute(Tuple.wrap(Arrays.asList(
                        tenantId,
                        origin.source(),
                        origin.actor(),
                        origin.taskId(),
                        ids,
                        events.stream().map(NewEvent::type).toArray(String[]::new),
                        events.stream().map(NewEvent::objectType).toArray(String[]::new),
                        events.stream().map(NewEvent::objectId).toArray(String[]::new),
                        events.stream().map(e -> Json.write(e.data())).toArray(String[]::new))))
                .replaceWithVoid();
    }

    /** Up to {@code limit} of the tenant's committed events after the cursor, in commit order. */
    Uni<List<Event>> after(
            SqlClient sql, String tenantId, EventCursor after, Set<String> types, String objectId, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(tenantId, after.txid(), after.seq()));
        StringBuilder where = new StringBuilder(" where tenant_id = $1");
        if (objectId != null) {
            parameters.add(objectId);
            where.append(" and object_id = $").append(parameters.size());
        }
        where.append(" and (txid, seq) > (($2::text)::xid8, $3)").append(COMMITTED);
        if (!types.isEmpty()) {
            parameters.add(types.toArray(String[]::new));
            where.append(" and type = any($").append(parameters.size()).append("::text[])");
        }
        parameters.add(limit);
        String sqlText = COLUMNS + where + " order by txid, seq limit $" + parameters.size();
        return sql.preparedQuery(sqlText).execute(Tuple.wrap(parameters)).map(rows -> {
            List<Event> events = new ArrayList<>(rows.size());
            rows.forEach(row -> events.add(toEvent(row)));
            return events;
        });
    }

    /** Up to {@code limit} of the tenant's committed events since {@code since} (null: any time), newest first. */
    Uni<List<Event>> recent(
            SqlClient sql, String tenantId, Set<String> types, String objectId, Instant since, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        StringBuilder where = new StringBuilder(" where tenant_id = $1");
        if (objectId != null) {
            parameters.add(objectId);
            where.append(" and object_id = $").append(parameters.size());
        }
        where.append(COMMITTED);
        if (!types.isEmpty()) {
            parameters.add(types.toArray(String[]::new));
            where.append(" and type = any($").append(parameters.size()).append("::text[])");
        }
        if (since != null) {
            parameters.add(since.atOffset(ZoneOffset.UTC));
            where.append(" and occurred_at >= $").append(parameters.size());
        }
        parameters.add(limit);
        String sqlText = COLUMNS + where + " order by txid desc, seq desc limit $" + parameters.size();
        return sql.preparedQuery(sqlText).execute(Tuple.wrap(parameters)).map(rows -> {
            List<Event> events = new ArrayList<>(rows.size());
            rows.forEach(row -> events.add(toEvent(row)));
            return events;
        });
    }

    /** Deletes up to {@code batch} events of any tenant that occurred before {@code before}; answers how many. */
    Uni<Integer> purge(SqlClient sql, Instant before, int batch) {
        // SKIP LOCKED: instances purging at the same moment take different rows instead of waiting.
        return sql.preparedQuery("""
            delete from events where (tenant_id, id) in (
              select tenant_id, id from events where occurred_at < $1 order by occurred_at limit $2
                 for update skip locked)""")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), batch))
                .map(rows -> rows.rowCount());
    }

    private static Event toEvent(Row row) {
        return new Event(
                row.getString("id"),
                row.getString("type"),
                row.getString("tenant_id"),
                row.getOffsetDateTime("occurred_at").toInstant(),
                row.getString("source"),
                row.getString("actor"),
                row.getString("task_id"),
                row.getString("object_type"),
                row.getString("object_id"),
                Json.tree(row.getString("data")),
                new EventCursor(row.getString("txid"), row.getLong("seq")).encode());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
