package com.contactproperties.task;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;

/**
 * The work of one task type, a chunk at a time. The engine calls {@link #processChunk} inside the
 * transaction that also advances the task's cursor and counters, so a chunk is applied exactly
 * once whatever happens to the process.
 */
public interface TaskHandler {

    /** The task type this handler runs. */
    TaskType type();

    /** Applies the chunk after {@code task.cursor()}, in the caller's transaction. */
    Uni<Chunk> processChunk(SqlConnection connection, ClaimedTask task, int chunkSize);

    /** How many items one chunk (one transaction) applies, given the configured chunk size. */
    default int chunkSize(int configured) {
        return configured;
    }

    /** Runs in the transaction that marks the task completed. */
    default Uni<Void> onCompleted(SqlConnection connection, ClaimedTask task) {
        return Uni.createFrom().voidItem();
    }

    /** The payloads of a chunk's items, and whether no item follows them. */
    record Items(List<String> payloads, boolean last) {}

    /** A task as its handler sees it: identity, parameters and where the last chunk ended. */
    record ClaimedTask(
            String tenantId, String id, TaskType type, String cursor, io.vertx.core.json.JsonObject params) {}

    /** What a chunk did: the new cursor, its counts, its errors, and whether nothing is left. */
    record Chunk(
            String cursor,
            int processed,
            int succeeded,
            int failed,
            int created,
            int updated,
            List<TaskView.TaskError> errors,
            boolean done) {

        /** A chunk that neither creates nor updates records it counts apart. */
        public Chunk(
                String cursor,
                int processed,
                int succeeded,
                int failed,
                List<TaskView.TaskError> errors,
                boolean done) {
            this(cursor, processed, succeeded, failed, 0, 0, errors, done);
        }
    }
}
