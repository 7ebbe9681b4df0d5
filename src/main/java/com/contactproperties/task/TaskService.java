package com.contactproperties.task;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.paging.Page;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.paging.PageToken;
import com.contactproperties.platform.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Creates tasks inside a caller's transaction, and reads and cancels them for a tenant. */
@ApplicationScoped
public class TaskService {

    /** Errors shown with one task; the rest are counted in {@code failed}. */
    public static final int SHOWN_ERRORS = 100;

    private static final String LIST = "batch_tasks";
    private static final String ERRORS = "batch_task_errors:";
    private static final int ERROR_PAGE = 1_000;

    private final Pool pool;
    private final TaskRepository tasks;
    private final TaskEngine engine;
    private final PageToken pageTokens;

    TaskService(Pool pool, TaskRepository tasks, TaskEngine engine, PageToken pageTokens) {
        this.pool = pool;
        this.tasks = tasks;
        this.engine = engine;
        this.pageTokens = pageTokens;
    }

    /**
     * Stores a task and all its input items in the caller's transaction, so that it exists before
     * the request answers and survives any crash after that. Answers the task id.
     */
    public Uni<String> create(
            SqlClient transaction,
            String tenantId,
            String createdBy,
            TaskType type,
            int total,
            JsonObject params,
            List<String> items) {
        String id = Ids.next(type == TaskType.IMPORT ? "import" : "task");
        return tasks.insert(transaction, tenantId, id, type, total, params, createdBy, Instant.now())
                .flatMap(ignored -> tasks.insertItems(transaction, tenantId, id, 0, items))
                .replaceWith(id);
    }

    /** Adds input items at positions {@code from}, {@code from + 1}, … to a task created in this transaction. */
    public Uni<Void> addItems(SqlClient transaction, String tenantId, String taskId, int from, List<String> items) {
        return tasks.insertItems(transaction, tenantId, taskId, from, items);
    }

    /**
     * The stored items of a task's chunk starting at position {@code from}, in the caller's transaction,
     * and whether they are the task's last.
     */
    public Uni<TaskHandler.Items> items(SqlClient transaction, TaskHandler.ClaimedTask task, int from, int chunkSize) {
        return tasks.items(transaction, task, from, chunkSize);
    }

    /**
     * Sets the number of items of a task whose input was added piece by piece, and its parameters,
     * which may depend on what was added.
     */
    public Uni<Void> setTotal(SqlClient transaction, String tenantId, String taskId, int total, JsonObject params) {
        return tasks.setTotal(transaction, tenantId, taskId, total, params);
    }

    /** Records errors of a task created in this transaction, such as the entries refused before it was queued. */
    public Uni<Void> recordErrors(
            SqlClient transaction, String tenantId, String taskId, List<TaskView.TaskError> errors) {
        return tasks.insertErrors(transaction, tenantId, taskId, errors);
    }

    /** Tells this instance's workers that a task is waiting, once its transaction has committed. */
    public void wake() {
        engine.wake();
    }

    public Uni<TaskView> get(Caller caller, String id) {
        return get(caller, id, SHOWN_ERRORS);
    }

    /** A task with up to {@code errorLimit} of its errors, in row order. */
    public Uni<TaskView> get(Caller caller, String id, int errorLimit) {
        return tasks.find(pool, caller.tenantId(), id, errorLimit)
                .map(found -> found.orElseThrow(() -> new DomainException.NotFound("Batch task", id)));
    }

    /** An import with up to {@code errorLimit} of its row errors; any other task is not an import (404). */
    public Uni<TaskView> getImport(Caller caller, String id, int errorLimit) {
        return tasks.find(pool, caller.tenantId(), id, errorLimit)
                .map(found -> found.filter(task -> task.type() == TaskType.IMPORT)
                        .orElseThrow(() -> new DomainException.NotFound("Import", id)));
    }

    /** Every error of a task, streamed a page at a time in the order they were recorded. */
    public Multi<TaskView.TaskError> allErrors(Caller caller, String id) {
        AtomicLong after = new AtomicLong();
        return Multi.createBy()
                .repeating()
                .uni(() -> tasks.errorPage(pool, caller.tenantId(), id, after.get(), ERROR_PAGE)
                        .invoke(page -> after.set(page.lastSeq())))
                .until(page -> page.errors().isEmpty())
                .onItem()
                .transformToIterable(TaskRepository.ErrorPage::errors);
    }

    /**
     * A page of a task's errors in the order they were recorded; the token carries the number of the
     * last error shown and is bound to this task.
     */
    public Uni<Page<TaskView.TaskError>> errors(Caller caller, String id, PageRequest page) {
        String list = ERRORS + id;
        long after = page.pageToken() == null
                ? 0
                : Long.parseLong(pageTokens.decode(list, page.pageToken(), 1).get(0));
        return get(caller, id, 0)
                .flatMap(task -> tasks.errorPage(pool, caller.tenantId(), id, after, page.pageSize() + 1))
                .map(found -> found.errors().size() <= page.pageSize()
                        ? new Page<>(found.errors(), null)
                        : new Page<>(
                                found.errors().subList(0, page.pageSize()),
                                pageTokens.encode(
                                        list,
                                        List.of(String.valueOf(found.seqs().get(page.pageSize() - 1))))));
    }

    /** The tenant's tasks, newest first. */
    public Uni<Page<TaskView>> list(Caller caller, TaskStatus status, TaskType type, PageRequest page) {
        List<String> after = page.pageToken() == null ? null : pageTokens.decode(LIST, page.pageToken(), 2);
        String statusName = status == null ? null : status.wire();
        String typeName = type == null ? null : type.wire();
        return tasks.page(pool, caller.tenantId(), statusName, typeName, after, page.pageSize() + 1)
                .map(rows -> {
                    if (rows.size() <= page.pageSize()) {
                        return new Page<>(rows, null);
                    }
                    TaskView last = rows.get(page.pageSize() - 1);
                    return new Page<>(
                            rows.subList(0, page.pageSize()),
                            pageTokens.encode(LIST, List.of(last.createdAt().toString(), last.id())));
                });
    }

    /** Stops a task after its current chunk (a pending one at once); 409 once it has ended. */
    public Uni<TaskView> cancel(Caller caller, String id) {
        return pool.withTransaction(c -> tasks.requestCancel(c, caller.tenantId(), id))
                .flatMap(open -> get(caller, id)
                        .flatMap(task -> open
                                ? Uni.createFrom().item(task)
                                : Uni.createFrom()
                                        .failure(new DomainException.Conflict(
                                                "status",
                                                "Batch task " + id + " already ended: "
                                                        + task.status().wire()))));
    }
}
