package com.contactproperties.api.mcp;

import com.contactproperties.contact.ContactService;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.tag.TagService;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.smallrye.mutiny.Uni;

/** Tags and the tagging of contacts, as /v1/tags and /v1/contacts/{id}/tags offer them. */
public class TagTools {

    private static final String TAG_ID = "The tag's id (tag_..., see list_tags).";

    private final McpAccess access;
    private final TagService tags;
    private final ContactService contacts;

    TagTools(McpAccess access, TagService tags, ContactService contacts) {
        this.access = access;
        this.tags = tags;
        this.contacts = contacts;
    }

    @Tool(
            name = "list_tags",
            title = "List tags",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Lists the workspace's tags (id, name, labeled_count), 50 per page; pass next_page_token back as page_token \
          for the next page. Tag ids filter search_contacts (tag_ids). Requires the scope tag:list.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.TagPage> listTags(
            RawMessage call,
            @ToolArg(name = "page_size", description = "Tags per page, 1 to 500; 50 when left out.", required = false)
                    Integer pageSize,
            @ToolArg(name = "page_token", description = "next_page_token of the previous page.", required = false)
                    String pageToken) {
        return access.as(
                call,
                "tag:list",
                caller -> tags.list(caller, PageRequest.of(pageToken, pageSize == null ? null : pageSize.toString()))
                        .map(McpViews.TagPage::of));
    }

    @Tool(
            name = "create_tag",
            title = "Create a tag",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            description = """
          Creates a tag and returns it with its id; a name already in use is an error. Attach it with tag_contact. \
          Requires the scope tag:create.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Tag> createTag(
            RawMessage call, @ToolArg(description = "The tag's name, unique in the workspace.") String name) {
        return access.as(call, "tag:create", caller -> tags.create(caller, name).map(McpViews.Tag::of));
    }

    @Tool(
            name = "tag_contact",
            title = "Tag a contact",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Attaches a tag to a contact (nothing changes if it is already attached) and returns the contact. Requires \
          the scope contact:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Contact> tagContact(
            RawMessage call,
            @ToolArg(name = "contact_id", description = ContactTools.ID) String contactId,
            @ToolArg(name = "tag_id", description = TAG_ID) String tagId) {
        return access.as(
                call,
                "contact:update",
                caller -> contacts.tag(caller, contactId, tagId)
                        .flatMap(ignored -> contacts.get(caller, contactId))
                        .map(McpViews.Contact::of));
    }

    @Tool(
            name = "untag_contact",
            title = "Untag a contact",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Detaches a tag from a contact (nothing changes if it is not attached) and returns the contact; the tag \
          itself stays. Requires the scope contact:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Contact> untagContact(
            RawMessage call,
            @ToolArg(name = "contact_id", description = ContactTools.ID) String contactId,
            @ToolArg(name = "tag_id", description = TAG_ID) String tagId) {
        return access.as(
                call,
                "contact:update",
                caller -> contacts.untag(caller, contactId, tagId)
                        .flatMap(ignored -> contacts.get(caller, contactId))
                        .map(McpViews.Contact::of));
    }
}
