package com.contactproperties.task;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
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
import java.util.Optional;

/** Task rows: creation with their items, claiming under a lease, chunk bookkeeping, and reads. */
@ApplicationScoped
class TaskRepository {

    private static final String VIEW =
            "select id, type, status, total, processed, succeeded, failed, created_count, updated_count,"
                    + " coalesce((params ->> 'dry_run')::boolean, false) as dry_run, created_at, started_at, completed_at, error_count from tasks";

    Uni<Void> insert(
            SqlClient sql,
            String tenantId,
            String id,
            TaskType type,
            int total,
            JsonObject params,
            String createdBy,
            Instant now) {
        return sql.preparedQuery(
                        "insert into tasks (tenant_id, id, type, total, params, created_by, created_at, updated_at)"
                                + " values ($1, $2, $3, $4, ($5::text)::jsonb, $6, $7, $7)")
                .execute(Tuple.wrap(
                        Arrays.asList(tenantId, id, type.wire(), total, params.encode(), createdBy, utc(now))))
                .replaceWithVoid();
    }

    Uni<Void> insertItems(SqlClient sql, String tenantId, String taskId, int from, List<String> payloads) {
        if (payloads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Integer[] positions = new Integer[payloads.size()];
        Arrays.setAll(positions, i -> from + i);
        // The task's existence is checked here, once per statement, rather than by a foreign key per item (V9).
        return sql.preparedQuery(
                        "insert into task_items (tenant_id, task_id, position, payload)"
                                + " select $1, $2, p, (j::text)::jsonb from unnest($3::int[], $4::text[]) as u(p, j)"
                                + " where exists (select 1 from tasks t where t.tenant_id = $1 and t.id = $2 and t.status = 'pending')")
                .execute(Tuple.of(tenantId, taskId, positions, payloads.toArray(String[]::new)))
                .invoke(rows -> {
                    if (rows.rowCount() != payloads.size()) {
                        throw new IllegalStateException(
                                "Items can only be added to a pending task, which " + taskId + " is not");
                    }
                })
                .replaceWithVoid();
    }

    Uni<Void> setTotal(SqlClient sql, String tenantId, String taskId, int total, JsonObject params) {
        return sql.preparedQuery(
                        "update tasks set total = $3, params = ($4::text)::jsonb where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenantId, taskId, total, params.encode()))
                .replaceWithVoid();
    }

    /**
     * Claims the oldest task that is pending or whose lease expired, skipping tasks another worker
     * holds and tenants already running their limit of tasks.
     */
    Uni<Optional<TaskHandler.ClaimedTask>> claim(SqlClient sql, String owner, int leaseSeconds, int perTenantLimit) {
        return sql.preparedQuery("""
            update tasks t set status = 'processing', lease_owner = $1, lease_until = now() + $2 * interval '1 second',
                   started_at = coalesce(t.started_at, now()), updated_at = now()
             where (t.tenant_id, t.id) = (
                   select o.tenant_id, o.id from tasks o
                    where (o.status = 'pending' or (o.status = 'processing' and o.lease_until < now()))
                      and (select count(*) from tasks r where r.tenant_id = o.tenant_id and r.status = 'processing'
                             and r.lease_until >= now()) < $3
                    order by o.created_at
                    for update skip locked
                    limit 1)
            returning t.tenant_id, t.id, t.type, t.cursor, t.params::text""")
                .execute(Tuple.of(owner, leaseSeconds, perTenantLimit))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(claimed(rows.iterator().next())));
    }

    /** Locks a task this worker still holds, with its current cursor and cancel flag; empty if the lease was lost. */
    Uni<Optional<Owned>> lockOwned(SqlClient sql, String tenantId, String id, String owner) {
        return sql.preparedQuery("select tenant_id, id, type, cursor, params::text, cancel_requested from tasks"
                        + " where tenant_id = $1 and id = $2 and lease_owner = $3 and status = 'processing' for update")
                .execute(Tuple.of(tenantId, id, owner))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(new Owned(
                                claimed(rows.iterator().next()),
                                rows.iterator().next().getBoolean("cancel_requested"))));
    }

    /** Records a chunk: counters, cursor and errors move together, and the lease is renewed. */
    Uni<Void> advance(SqlClient sql, TaskHandler.ClaimedTask task, TaskHandler.Chunk chunk, int leaseSeconds) {
        Uni<Void> counters = sql.preparedQuery("""
            update tasks set cursor = $3, processed = processed + $4, succeeded = succeeded + $5, failed = failed + $6,
                   created_count = created_count + $7, updated_count = updated_count + $8,
                   lease_until = now() + $9 * interval '1 second', updated_at = now()
             where tenant_id = $1 and id = $2""")
                .execute(Tuple.wrap(Arrays.asList(
                        task.tenantId(),
                        task.id(),
                        chunk.cursor(),
                        chunk.processed(),
                        chunk.succeeded(),
                        chunk.failed(),
                        chunk.created(),
                        chunk.updated(),
                        leaseSeconds)))
                .replaceWithVoid();
        return counters.flatMap(ignored -> insertErrors(sql, task.tenantId(), task.id(), chunk.errors()));
    }

    /** Records errors in their order with one statement, however many (a bulk update may refuse a thousand entries). */
    Uni<Void> insertErrors(SqlClient sql, String tenantId, String taskId, List<TaskView.TaskError> errors) {
        if (errors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.preparedQuery(
                        "insert into task_errors (tenant_id, task_id, position, identifier, message, column_name, raw)"
                                + " select $1, $2, e.p, e.i, e.m, e.c, e.r from unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[])"
                                + " with ordinality as e(p, i, m, c, r, o) order by e.o")
                .execute(Tuple.wrap(Arrays.asList(
                        tenantId,
                        taskId,
                        errors.stream().map(TaskView.TaskError::index).toArray(Integer[]::new),
                        errors.stream().map(TaskView.TaskError::identifier).toArray(String[]::new),
                        errors.stream().map(TaskView.TaskError::message).toArray(String[]::new),
                        errors.stream().map(TaskView.TaskError::column).toArray(String[]::new),
                        errors.stream().map(TaskView.TaskError::raw).toArray(String[]::new))))
                .flatMap(ignored -> sql.preparedQuery(
                                "update tasks set error_count = error_count + $3 where tenant_id = $1 and id = $2")
                        .execute(Tuple.of(tenantId, taskId, errors.size())))
                .replaceWithVoid();
    }

    /** Ends a task in the given status and lets go of its lease. */
    Uni<Void> finish(SqlClient sql, String tenantId, String id, TaskStatus status) {
        // The clock, not now(): now() is when the chunk's transaction began, before its work was done.
        return sql.preparedQuery(
                        "update tasks set status = $3, completed_at = clock_timestamp(), updated_at = clock_timestamp(),"
                                + " lease_owner = null,"
                                + " lease_until = null where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenantId, id, status.wire()))
                .replaceWithVoid();
    }

    /** Gives a task back to the queue (graceful shutdown): another worker may continue it at once. */
    Uni<Void> release(SqlClient sql, String tenantId, String id, String owner) {
        return sql.preparedQuery("update tasks set lease_until = now() - interval '1 second', updated_at = now()"
                        + " where tenant_id = $1 and id = $2 and lease_owner = $3 and status = 'processing'")
                .execute(Tuple.of(tenantId, id, owner))
                .replaceWithVoid();
    }

    /** Asks a running task to stop after its current chunk; a pending one is cancelled at once. Answers whether it was open. */
    Uni<Boolean> requestCancel(SqlClient sql, String tenantId, String id) {
        return sql.preparedQuery("""
            update tasks set cancel_requested = true, updated_at = now(),
                   status = case when status = 'pending' then 'cancelled' else status end,
                   completed_at = case when status = 'pending' then now() else completed_at end
             where tenant_id = $1 and id = $2 and status in ('pending', 'processing')""").execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() > 0);
    }

    Uni<Optional<TaskView>> find(SqlClient sql, String tenantId, String id, int errorLimit) {
        return sql.preparedQuery(VIEW + " where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenantId, id))
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().item(Optional.<TaskView>empty())
                        : errors(sql, tenantId, id, errorLimit)
                                .map(errors -> Optional.of(view(rows.iterator().next(), errors))));
    }

    /** A page of a task's errors in the order they were recorded, after the error numbered {@code afterSeq}. */
    Uni<ErrorPage> errorPage(SqlClient sql, String tenantId, String id, long afterSeq, int limit) {
        return sql.preparedQuery("select seq, position, identifier, message, column_name, raw from task_errors"
                        + " where tenant_id = $1 and task_id = $2 and seq > $3 order by seq limit $4")
                .execute(Tuple.of(tenantId, id, afterSeq, limit))
                .map(rows -> {
                    List<TaskView.TaskError> errors = new ArrayList<>();
                    List<Long> seqs = new ArrayList<>();
                    for (Row row : rows) {
                        seqs.add(row.getLong(0));
                        errors.add(new TaskView.TaskError(
                                row.getInteger(1),
                                row.getString(2),
                                row.getString(3),
                                row.getString(4),
                                row.getString(5)));
                    }
                    return new ErrorPage(errors, seqs, afterSeq);
                });
    }

    /** Errors and their numbers, which a next page starts after. */
    record ErrorPage(List<TaskView.TaskError> errors, List<Long> seqs, long afterSeq) {

        long lastSeq() {
            return seqs.isEmpty() ? afterSeq : seqs.get(seqs.size() - 1);
        }
    }

    Uni<List<TaskView.TaskError>> errors(SqlClient sql, String tenantId, String id, int limit) {
        return sql.preparedQuery("select position, identifier, message, column_name, raw from task_errors"
                        + " where tenant_id = $1 and task_id = $2 order by position nulls last, seq limit $3")
                .execute(Tuple.of(tenantId, id, limit))
                .map(rows -> {
                    List<TaskView.TaskError> errors = new ArrayList<>();
                    rows.forEach(row -> errors.add(new TaskView.TaskError(
                            row.getInteger(0),
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            row.getString(4))));
                    return errors;
                });
    }

    /** Newest first, after the keyset position (created_at, id) if any, optionally of one status and type. */
    Uni<List<TaskView>> page(
            SqlClient sql, String tenantId, String status, String type, List<String> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        StringBuilder where = new StringBuilder(" where tenant_id = $1");
        if (status != null) {
            parameters.add(status);
            where.append(" and status = $").append(parameters.size());
        }
        if (type != null) {
            parameters.add(type);
            where.append(" and type = $").append(parameters.size());
        }
        if (after != null) {
            parameters.add(utc(Instant.parse(after.get(0))));
            parameters.add(after.get(1));
            where.append(" and (created_at, id) < ($")
                    .append(parameters.size() - 1)
                    .append(", $")
                    .append(parameters.size())
                    .append(")");
        }
        parameters.add(limit);
        return sql.preparedQuery(VIEW + where + " order by created_at desc, id desc limit $" + parameters.size())
                .execute(Tuple.wrap(parameters))
                .map(rows -> {
                    List<TaskView> tasks = new ArrayList<>();
                    rows.forEach(row -> tasks.add(view(row, List.of())));
                    return tasks;
                });
    }

    /** A task the worker holds, and whether a cancel was asked for. */
    record Owned(TaskHandler.ClaimedTask task, boolean cancelRequested) {}

    private static TaskHandler.ClaimedTask claimed(Row row) {
        return new TaskHandler.ClaimedTask(
                row.getString("tenant_id"),
                row.getString("id"),
                TaskType.fromWire(row.getString("type")),
                row.getString("cursor"),
                new JsonObject(row.getString("params")));
    }

    private static TaskView view(Row row, List<TaskView.TaskError> errors) {
        return new TaskView(
                row.getString("id"),
                TaskType.fromWire(row.getString("type")),
                TaskStatus.fromWire(row.getString("status")),
                row.getInteger("total"),
                row.getInteger("processed"),
                row.getInteger("succeeded"),
                row.getInteger("failed"),
                row.getInteger("created_count"),
                row.getInteger("updated_count"),
                row.getBoolean("dry_run"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("completed_at")),
                errors,
                row.getInteger("error_count"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * The stored items of the chunk starting at position {@code from} (their JSON payloads, in
     * order), and whether they are the task's last: one item more than the chunk is read to tell,
     * so that a task whose size is a multiple of the chunk does not need an empty final chunk.
     */
    Uni<TaskHandler.Items> items(SqlClient sql, TaskHandler.ClaimedTask task, int from, int chunkSize) {
        return sql.preparedQuery("select payload::text from task_items where tenant_id = $1 and task_id = $2"
                        + " and position >= $3 order by position limit $4")
                .execute(Tuple.of(task.tenantId(), task.id(), from, chunkSize + 1))
                .map(rows -> {
                    List<String> payloads = new ArrayList<>(chunkSize);
                    rows.forEach(row -> {
                        if (payloads.size() < chunkSize) {
                            payloads.add(row.getString(0));
                        }
                    });
                    return new TaskHandler.Items(payloads, rows.size() <= chunkSize);
                });
    }
}
