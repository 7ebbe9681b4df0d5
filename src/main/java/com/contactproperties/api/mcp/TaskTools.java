package com.contactproperties.api.mcp;

import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskStatus;
import com.contactproperties.task.TaskType;
import com.contactproperties.view.BatchTasks;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.smallrye.mutiny.Uni;

/** The background-task tools: batch tasks of seed 001 and CSV imports. */
public class TaskTools {

    private final McpAccess access;
    private final TaskService tasks;

    TaskTools(McpAccess access, TaskService tasks) {
        this.access = access;
        this.tasks = tasks;
    }

    @Tool(
            name = "list_batch_tasks",
            title = "List batch tasks",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Lists background tasks (bulk updates, imports, property purges and retypes), newest first, with their \
          status and counters. Returns batch_tasks and next_page_token (pass it back as page_token). Requires the \
          scope contact:list.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<BatchTasks.ListView> listBatchTasks(
            RawMessage call,
            @ToolArg(description = "Only tasks in this status.", required = false) TaskStatus status,
            @ToolArg(name = "task_type", description = "Only tasks of this type.", required = false) TaskType taskType,
            @ToolArg(name = "page_size", description = "Tasks per page, 1 to 500; 50 when left out.", required = false)
                    Integer pageSize,
            @ToolArg(name = "page_token", description = "next_page_token of the previous page.", required = false)
                    String pageToken) {
        return access.as(
                call,
                "contact:list",
                caller -> tasks.list(
                                caller,
                                status,
                                taskType,
                                PageRequest.of(pageToken, pageSize == null ? null : pageSize.toString()))
                        .map(BatchTasks.ListView::of));
    }

    @Tool(
            name = "get_batch_task",
            title = "Get a batch task",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Reads one background task by id (task_...): status (pending, processing, completed, failed, cancelled), \
          total_count, processed_count, succeeded_count, failed_count, progress_percentage, \
          estimated_completion_time and the first 100 errors (index, identifier, message). Call it again until the \
          status is completed, failed or cancelled. Requires the scope contact:list.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<BatchTasks.View> getBatchTask(
            RawMessage call, @ToolArg(description = "The task's id, as returned by bulk_update_contacts.") String id) {
        return access.as(
                call, "contact:list", caller -> tasks.get(caller, id).map(task -> BatchTasks.View.of(task, true)));
    }

    @Tool(
            name = "get_import_status",
            title = "Get an import's status",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Reads a CSV import by id (import_...): status, total_rows, success_count, failed_count, created_count, \
          updated_count, progress_percentage, estimated_completion_time and the first 100 row errors (row as a \
          spreadsheet counts it, column, message). Imports are uploaded through POST /v1/contacts/import. Requires \
          the scope contact:list.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.ImportStatus> getImportStatus(
            RawMessage call,
            @ToolArg(description = "The import's id, such as import_01HV8Z92S0R7M4E5P6Q8T1A2B3.") String id) {
        return access.as(
                call,
                "contact:list",
                caller -> tasks.getImport(caller, id, TaskService.SHOWN_ERRORS).map(McpViews.ImportStatus::of));
    }

    @Tool(
            name = "cancel_batch_task",
            title = "Cancel a batch task",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            description = """
          Cancels a background task (task_... or import_...): a pending one at once, a running one after its current \
          chunk; what it already changed stays. A task that has ended is an error. Returns the task. Requires the \
          scope contact:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<BatchTasks.View> cancelBatchTask(RawMessage call, @ToolArg(description = "The task's id.") String id) {
        return access.as(
                call, "contact:update", caller -> tasks.cancel(caller, id).map(task -> BatchTasks.View.of(task, true)));
    }
}
