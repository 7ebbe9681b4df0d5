package com.contactproperties.view;

import com.contactproperties.platform.paging.Page;
import com.contactproperties.task.TaskView;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Background tasks as seed 001 shows them (snake_case): the answer of {@code /api/v1/batch_tasks} and of
 * the MCP task tools alike, kept here so that neither surface imports the other.
 */
public final class BatchTasks {

    private BatchTasks() {}

    /** One error of a task. */
    @Schema(name = "BatchTaskError")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Error(
            @Schema(description = "Position of the entry in the request (or the row of an import).")
            Integer index,

            String identifier,
            String message) {}

    /** A task as this surface shows it. */
    @Schema(name = "BatchTask")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record View(
            String id,

            @Schema(enumeration = {"bulk_update", "import", "property_purge", "property_retype"})
            String taskType,

            @Schema(enumeration = {"pending", "processing", "completed", "failed", "cancelled"})
            String status,

            int totalCount,
            int processedCount,
            int succeededCount,
            int failedCount,
            double progressPercentage,
            @Schema(nullable = true) Instant estimatedCompletionTime,
            Instant createdAt,
            @Schema(nullable = true) Instant startedAt,
            @Schema(nullable = true) Instant completedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Error> errors) {

        public static View of(TaskView task, boolean withErrors) {
            return new View(
                    task.id(),
                    task.type().wire(),
                    task.status().wire(),
                    task.total(),
                    task.processed(),
                    task.succeeded(),
                    task.failed(),
                    task.progressPercentage(),
                    task.estimatedCompletionTime(Instant.now()),
                    task.createdAt(),
                    task.startedAt(),
                    task.completedAt(),
                    withErrors
                            ? task.errors().stream()
                                    .map(e -> new Error(e.index(), e.identifier(), e.message()))
                                    .toList()
                            : null);
        }
    }

    /** A page of tasks, newest first. */
    @Schema(name = "BatchTaskList")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ListView(
            List<View> batchTasks, @Schema(nullable = true) String nextPageToken) {

        public static ListView of(Page<TaskView> page) {
            return new ListView(
                    page.items().stream().map(t -> View.of(t, false)).toList(), page.nextPageToken());
        }
    }
}
