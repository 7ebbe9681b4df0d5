package com.contactproperties.api.properties;

import com.contactproperties.platform.paging.Page;
import com.contactproperties.task.TaskView;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code /api/v1/batch_tasks} (seed 001), snake_case. */
public final class BatchTaskApi {

    static final String EXAMPLE = """
      {"id": "task_01HV8Z92S0R7M4E5P6Q8T1A2B3", "task_type": "bulk_update", "status": "processing", "total_count": 1000,
       "processed_count": 500, "succeeded_count": 498, "failed_count": 2, "progress_percentage": 50.0,
       "estimated_completion_time": "2026-04-30T09:20:03Z", "created_at": "2026-04-30T09:20:00Z",
       "started_at": "2026-04-30T09:20:00Z", "completed_at": null,
       "errors": [{"index": 17, "identifier": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8", "message": "Contact no longer exists"}]}""";

    private BatchTaskApi() {}

    /** One error of a task as its error list shows it, with the field it concerns. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "BatchTaskErrorEntry")
    public record ErrorEntry(
            @Schema(
                    description = "Position of the entry in the request (or the row of an import, header = 1).",
                    nullable = true)
            Integer index,

            @Schema(
                    description = "The contact or entry concerned, such as `email:ann@example.com` or a `con_…` id.",
                    nullable = true)
            String identifier,

            @Schema(description = "The field, column or property concerned, when there is one.", nullable = true)
            String field,

            String message) {

        static ErrorEntry of(TaskView.TaskError e) {
            return new ErrorEntry(e.index(), e.identifier(), e.column(), e.message());
        }
    }

    /** A page of a task's errors, in the order they were recorded. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "BatchTaskErrorPage")
    public record ErrorPage(
            List<ErrorEntry> errors,
            @Schema(nullable = true) String nextPageToken) {

        static ErrorPage of(Page<TaskView.TaskError> page) {
            return new ErrorPage(page.items().stream().map(ErrorEntry::of).toList(), page.nextPageToken());
        }
    }
}
