package com.contactproperties.bulk;

import com.contactproperties.contact.ContactBatchRepository;
import com.contactproperties.platform.db.Constraints;
import com.contactproperties.platform.db.Savepoints;
import com.contactproperties.platform.json.Json;
import com.contactproperties.task.TaskHandler;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskType;
import com.contactproperties.task.TaskView;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a chunk of bulk-update entries with one set-based statement ({@link ContactBatchRepository}). Entries for the same contact
 * are folded in request order first; a unique-email clash falls back to one savepoint per contact so
 * that only the clashing entries fail.
 */
@ApplicationScoped
class BulkUpdateHandler implements TaskHandler {

    private final TaskService tasks;

    BulkUpdateHandler(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public TaskType type() {
        return TaskType.BULK_UPDATE;
    }

    /**
     * A bulk update holds at most 1,000 entries: one transaction applies them all, with one merge
     * statement, rather than two chunks each paying a transaction's round trips.
     */
    @Override
    public int chunkSize(int configured) {
        return Math.max(configured, BulkCommands.MAX_ENTRIES);
    }

    @Override
    public Uni<Chunk> processChunk(SqlConnection connection, ClaimedTask task, int chunkSize) {
        int from = task.cursor().isEmpty() ? 0 : Integer.parseInt(task.cursor());
        // Reading a chunk's entries and writing them as merge arguments takes milliseconds: on the worker pool,
        // so that the event loop it would hold keeps serving requests (the 202 of the next bulk update).
        return tasks.items(connection, task, from, chunkSize)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(chunk -> {
                    List<BulkItem> items = new ArrayList<>();
                    chunk.payloads().forEach(payload -> items.add(Json.read(payload, BulkItem.class)));
                    return applyAll(connection, task.tenantId(), fold(items))
                            .map(failures -> chunk(from, items, failures, chunk.last()));
                });
    }

    /** Contact id to the one update that stands for all its entries of this chunk, in request order. */
    private static Map<String, BulkItem> fold(List<BulkItem> items) {
        Map<String, BulkItem> merged = new LinkedHashMap<>();
        items.forEach(item -> merged.merge(item.contactId(), item, BulkItem::then));
        return merged;
    }

    /** Applies every update; answers the failure message of each contact that was not updated. */
    private Uni<Map<String, String>> applyAll(
            SqlConnection connection, String tenantId, Map<String, BulkItem> updates) {
        return Savepoints.attempt(
                connection,
                "bulk_chunk",
                () -> apply(connection, tenantId, List.copyOf(updates.values()))
                        .map(updated -> missing(updates.keySet(), updated)),
                Constraints::isUniqueViolation,
                () -> oneByOne(connection, tenantId, List.copyOf(updates.values()), 0, new LinkedHashMap<>()));
    }

    private Uni<Map<String, String>> oneByOne(
            SqlConnection connection, String tenantId, List<BulkItem> updates, int at, Map<String, String> failures) {
        if (at == updates.size()) {
            return Uni.createFrom().item(failures);
        }
        BulkItem update = updates.get(at);
        return Savepoints.attempt(
                        connection,
                        "bulk_item",
                        () -> apply(connection, tenantId, List.of(update))
                                .invoke(updated -> failures.putAll(missing(Set.of(update.contactId()), updated)))
                                .replaceWithVoid(),
                        Constraints::isUniqueViolation,
                        () -> {
                            failures.put(update.contactId(), "Another live contact already has this email");
                            return Uni.createFrom().voidItem();
                        })
                .flatMap(ignored -> oneByOne(connection, tenantId, updates, at + 1, failures));
    }

    private static Uni<Set<String>> apply(SqlConnection connection, String tenantId, List<BulkItem> updates) {
        return ContactBatchRepository.apply(
                connection,
                tenantId,
                updates.stream()
                        .map(u -> ContactBatchRepository.Change.of(
                                u.contactId(),
                                u.set(),
                                u.cleared(),
                                u.columns(),
                                u.folders().json()))
                        .toList(),
                Instant.now());
    }

    private static Map<String, String> missing(Set<String> wanted, Set<String> updated) {
        Map<String, String> failures = new LinkedHashMap<>();
        wanted.stream()
                .filter(id -> !updated.contains(id))
                .forEach(id -> failures.put(id, "The contact no longer exists"));
        return failures;
    }

    private static Chunk chunk(int from, List<BulkItem> items, Map<String, String> failures, boolean last) {
        List<TaskView.TaskError> errors = new ArrayList<>();
        int failed = 0;
        for (BulkItem item : items) {
            String failure = failures.get(item.contactId());
            if (failure != null) {
                failed++;
                errors.add(new TaskView.TaskError(item.index(), item.identifier(), failure));
            }
        }
        return new Chunk(
                String.valueOf(from + items.size()), items.size(), items.size() - failed, failed, errors, last);
    }
}
