package com.contactproperties.api.properties;

import com.contactproperties.platform.csv.SpreadsheetCsv;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskStatus;
import com.contactproperties.task.TaskType;
import com.contactproperties.view.BatchTasks;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Background tasks of the tenant ({@code /api/v1/batch_tasks}, seed 001): bulk updates, imports, purges, retypes. */
@Path("/api/v1/batch_tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batch tasks", description = "Progress of background work")
public class BatchTaskResource {

    private final TaskService tasks;
    private final JsonWebToken token;

    BatchTaskResource(TaskService tasks, JsonWebToken token) {
        this.tasks = tasks;
        this.token = token;
    }

    @GET
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "listBatchTasks", summary = "List batch tasks", description = """
      The tenant's background tasks, newest first, optionally of one `status` and `task_type`. Paginated with \
      `page_token` (from `next_page_token`) and `page_size` (1 to 500, default 50). Errors are shown on the \
      single-task read.""")
    @APIResponse(
            responseCode = "200",
            description = "Tasks",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BatchTasks.ListView.class),
                            examples =
                                    @ExampleObject(
                                            name = "tasks",
                                            value = "{\"batch_tasks\": [" + BatchTaskApi.EXAMPLE
                                                    + "], \"next_page_token\": null}")))
    public Uni<BatchTasks.ListView> list(
            @Parameter(schema = @Schema(enumeration = {"pending", "processing", "completed", "failed", "cancelled"}))
                    @RestQuery
                    String status,
            @Parameter(
                            name = "task_type",
                            schema =
                                    @Schema(
                                            enumeration = {"bulk_update", "import", "property_purge", "property_retype"
                                            }))
                    @RestQuery("task_type")
                    String taskType,
            @RestQuery("page_token") String pageToken,
            @Parameter(
                            name = "page_size",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "500",
                                            defaultValue = "50"))
                    @RestQuery("page_size")
                    String pageSize) {
        return tasks.list(
                        Caller.of(token),
                        named("status", status, TaskStatus.values(), TaskStatus::wire),
                        named("task_type", taskType, TaskType.values(), TaskType::wire),
                        PageRequest.of(pageToken, pageSize))
                .map(BatchTasks.ListView::of);
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "getBatchTask", summary = "Get a batch task", description = """
      One task with its counters, `progress_percentage`, `estimated_completion_time` (from the rate measured so \
      far; null until the first chunk) and its first 100 errors; every error is read with `GET …/{id}/errors` \
      (paginated) or `…/errors.csv`.""")
    @APIResponse(
            responseCode = "200",
            description = "The task",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BatchTasks.View.class),
                            examples = @ExampleObject(name = "task", value = BatchTaskApi.EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such task in this tenant")
    public Uni<BatchTasks.View> get(@RestPath String id) {
        return tasks.get(Caller.of(token), id).map(task -> BatchTasks.View.of(task, true));
    }

    @GET
    @Path("/{id}/errors")
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "listBatchTaskErrors", summary = "List a batch task's errors", description = """
      Every error of the task, of any type (bulk update, import, purge, retype), in the order they were recorded, \
      each with `index` (the entry's position, or an import's row), `identifier`, `field` and `message`. A bulk \
      update's entries refused at submit (its `invalid`) are errors of its task too. Paginated with `page_token` \
      (from `next_page_token`, null on the last page) and `page_size` (1 to 500, default 50).""")
    @APIResponse(
            responseCode = "200",
            description = "A page of errors",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BatchTaskApi.ErrorPage.class),
                            examples = @ExampleObject(name = "errors", value = """
          {"errors": [{"index": 1, "identifier": "email:bad@example.com", "field": "custom_properties.score",
           "message": "Value 'lots' of property 'Score' is not a number"}], "next_page_token": null}""")))
    @APIResponse(
            responseCode = "400",
            description = "A page_token this list did not issue, or a page_size out of range")
    @APIResponse(responseCode = "404", description = "No such task in this tenant")
    public Uni<BatchTaskApi.ErrorPage> errors(
            @RestPath String id,
            @RestQuery("page_token") String pageToken,
            @Parameter(name = "page_size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
                    @RestQuery("page_size")
                    String pageSize) {
        return Uni.createFrom()
                .deferred(() -> tasks.errors(Caller.of(token), id, PageRequest.of(pageToken, pageSize)))
                .map(BatchTaskApi.ErrorPage::of);
    }

    @GET
    @Path("/{id}/errors.csv")
    @Produces("text/csv")
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "downloadBatchTaskErrors", summary = "Download a batch task's errors", description = """
      Every error of the task as CSV, in the order they were recorded: index, identifier, field, message and, for \
      an import, the original row. A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is \
      written with a single quote in front, quoted, so that a spreadsheet shows it as text instead of running it.""")
    @APIResponse(
            responseCode = "200",
            description = "The errors",
            content =
                    @Content(
                            mediaType = "text/csv",
                            schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "errors", value = """
          index,identifier,field,message,original_row
          1,email:bad@example.com,custom_properties.score,Value 'lots' of property 'Score' is not a number,
          """)))
    @APIResponse(responseCode = "404", description = "No such task in this tenant")
    public Multi<String> errorsCsv(@RestPath String id) {
        // The task is read first, so that a missing one is a 404 before any line is written.
        return tasks.get(Caller.of(token), id, 0)
                .onItem()
                .transformToMulti(task -> Multi.createBy()
                        .concatenating()
                        .streams(
                                Multi.createFrom()
                                        .item(SpreadsheetCsv.record(
                                                List.of("index", "identifier", "field", "message", "original_row"))),
                                tasks.allErrors(Caller.of(token), id)
                                        .map(e -> SpreadsheetCsv.record(Arrays.asList(
                                                e.index() == null ? null : String.valueOf(e.index()),
                                                e.identifier(),
                                                e.column(),
                                                e.message(),
                                                e.raw())))));
    }

    @POST
    @Path("/{id}/cancel")
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(operationId = "cancelBatchTask", summary = "Cancel a batch task", description = """
      Stops the task after its current chunk; a pending task is cancelled at once. What was applied stays \
      applied. A task that already ended is a 409.""")
    @APIResponse(
            responseCode = "200",
            description = "The task, cancelled or about to be",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BatchTasks.View.class),
                            examples = @ExampleObject(name = "task", value = BatchTaskApi.EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such task in this tenant")
    @APIResponse(responseCode = "409", description = "The task already ended")
    public Uni<BatchTasks.View> cancel(@RestPath String id) {
        return tasks.cancel(Caller.of(token), id).map(task -> BatchTasks.View.of(task, true));
    }

    /** The constant a query parameter names by its wire name, null when absent; another name is a 400. */
    private static <E extends Enum<E>> E named(String name, String value, E[] constants, Function<E, String> wire) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(constants)
                .filter(c -> wire.apply(c).equals(value))
                .findFirst()
                .orElseThrow(() -> new DomainException.BadRequest(
                        name,
                        "must be one of "
                                + Arrays.stream(constants).map(wire).sorted().toList()));
    }
}
