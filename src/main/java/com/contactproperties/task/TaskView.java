package com.contactproperties.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A task as every surface shows it, with progress and an estimated completion derived from the measured rate. */
public record TaskView(
        String id,
        TaskType type,
        TaskStatus status,
        int total,
        int processed,
        int succeeded,
        int failed,
        int created,
        int updated,
        boolean dryRun,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        List<TaskError> errors,
        int errorCount) {

    /**
     * One item that could not be applied: its position in the input (or row), identifier and reason;
     * for imports also the column and the original row.
     */
    public record TaskError(Integer index, String identifier, String message, String column, String raw) {

        public TaskError(Integer index, String identifier, String message) {
            this(index, identifier, message, null, null);
        }
    }

    /** Whether the task can no longer change. */
    public boolean ended() {
        return status.ended();
    }

    /** Share of the items processed, 0 to 100. */
    public double progressPercentage() {
        if (status == TaskStatus.COMPLETED) {
            return 100.0;
        }
        return total == 0 ? 0.0 : Math.round(1000.0 * processed / total) / 10.0;
    }

    /** When the task should end at the rate measured so far; null before a rate exists or once ended. */
    public Instant estimatedCompletionTime(Instant now) {
        if (ended()) {
            return completedAt;
        }
        if (startedAt == null || processed == 0) {
            return null;
        }
        long elapsedMillis = Math.max(1, Duration.between(startedAt, now).toMillis());
        double perItem = (double) elapsedMillis / processed;
        return now.plusMillis((long) (perItem * (total - processed)));
    }
}
