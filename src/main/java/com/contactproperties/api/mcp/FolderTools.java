package com.contactproperties.api.mcp;

import com.contactproperties.folder.FolderService;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.smallrye.mutiny.Uni;

/** Folders, which contacts reference by numeric id in folder_ids (seed 001), as /api/v1/folders offers them. */
public class FolderTools {

    private final McpAccess access;
    private final FolderService folders;

    FolderTools(McpAccess access, FolderService folders) {
        this.access = access;
        this.folders = folders;
    }

    @Tool(
            name = "list_folders",
            title = "List folders",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Lists every folder of the workspace (id, name) by name. Folder ids filter search_contacts (folder_ids) and \
          are set with bulk_update_contacts (updates.folder_ids, which replaces a contact's folders). Requires the \
          scope contact:list.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Folders> listFolders(RawMessage call) {
        return access.as(call, "contact:list", caller -> folders.list(caller).map(McpViews.Folders::of));
    }

    @Tool(
            name = "create_folder",
            title = "Create a folder",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            description = """
          Creates a folder and returns it with its numeric id; names are 1 to 100 characters, unique ignoring case. \
          Requires the scope contact:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Folder> createFolder(
            RawMessage call, @ToolArg(description = "The folder's name, 1 to 100 characters.") String name) {
        return access.as(
                call, "contact:update", caller -> folders.create(caller, name).map(McpViews.Folder::of));
    }
}
