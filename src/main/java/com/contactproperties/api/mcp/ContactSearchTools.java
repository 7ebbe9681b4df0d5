package com.contactproperties.api.mcp;

import com.contactproperties.contact.ContactService;
import com.contactproperties.platform.paging.PageRequest;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/** Finding contacts: search_contacts pages through them, count_contacts answers how many match the same filters. */
public class ContactSearchTools {

    // A count stops here, so that a broad filter over a large workspace stays cheap; beyond it the total is a lower
    // bound.
    static final int COUNT_CAP = 100_000;

    private final McpAccess access;
    private final ContactService contacts;

    ContactSearchTools(McpAccess access, ContactService contacts) {
        this.access = access;
        this.contacts = contacts;
    }

    @Tool(
            name = "search_contacts",
            title = "Search contacts",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Finds contacts, newest first by default, 50 per page (at most 500). Combine any of: search (text in name, \
          email, phone or tag name), custom_fields (values by property slug), tag_ids, folder_ids, email_domain, \
          channels, archived, created_after, created_before. Returns contacts (with folder_ids, tag_ids, identities \
          and custom_fields) and next_page_token; pass it back as page_token for the next page (null: last page). \
          count_contacts answers how many match. Requires the scope contact:list.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.ContactPage> searchContacts(
            RawMessage call,
            @ToolArg(description = SearchFilter.SEARCH, required = false) String search,
            @ToolArg(name = "custom_fields", description = SearchFilter.CUSTOM_FIELDS, required = false)
                    Map<String, Object> customFields,
            @ToolArg(name = "tag_ids", description = SearchFilter.TAG_IDS, required = false) List<String> tagIds,
            @ToolArg(name = "folder_ids", description = SearchFilter.FOLDER_IDS, required = false) List<Long> folderIds,
            @ToolArg(name = "email_domain", description = SearchFilter.EMAIL_DOMAIN, required = false)
                    String emailDomain,
            @ToolArg(description = SearchFilter.CHANNELS, required = false) List<SearchFilter.Channel> channels,
            @ToolArg(description = SearchFilter.ARCHIVED, required = false) Boolean archived,
            @ToolArg(name = "created_after", description = SearchFilter.CREATED_AFTER, required = false)
                    String createdAfter,
            @ToolArg(name = "created_before", description = SearchFilter.CREATED_BEFORE, required = false)
                    String createdBefore,
            @ToolArg(name = "order_by", description = "Ordering; created_at when left out.", required = false)
                    SearchFilter.OrderBy orderBy,
            @ToolArg(name = "order_direction", description = "desc (default) or asc.", required = false)
                    SearchFilter.Direction orderDirection,
            @ToolArg(
                            name = "page_size",
                            description = "Contacts per page, 1 to 500; 50 when left out.",
                            required = false)
                    Integer pageSize,
            @ToolArg(name = "page_token", description = "next_page_token of the previous page.", required = false)
                    String pageToken) {
        SearchFilter filter = new SearchFilter(
                search, customFields, tagIds, folderIds, emailDomain, channels, archived, createdAfter, createdBefore);
        return access.as(
                call,
                "contact:list",
                caller -> contacts.list(
                                caller,
                                filter.toFilter(orderBy, orderDirection),
                                PageRequest.of(pageToken, pageSize == null ? null : pageSize.toString()))
                        .map(McpViews.ContactPage::of));
    }

    @Tool(
            name = "count_contacts",
            title = "Count contacts",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Counts the contacts that match the same filters as search_contacts (search, custom_fields, tag_ids, \
          folder_ids, email_domain, channels, archived, created_after, created_before); no filter counts every live \
          contact. Returns total and exact (false when the count stopped at 100,000 and total is a lower bound). \
          Requires the scope contact:list.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Count> countContacts(
            RawMessage call,
            @ToolArg(description = SearchFilter.SEARCH, required = false) String search,
            @ToolArg(name = "custom_fields", description = SearchFilter.CUSTOM_FIELDS, required = false)
                    Map<String, Object> customFields,
            @ToolArg(name = "tag_ids", description = SearchFilter.TAG_IDS, required = false) List<String> tagIds,
            @ToolArg(name = "folder_ids", description = SearchFilter.FOLDER_IDS, required = false) List<Long> folderIds,
            @ToolArg(name = "email_domain", description = SearchFilter.EMAIL_DOMAIN, required = false)
                    String emailDomain,
            @ToolArg(description = SearchFilter.CHANNELS, required = false) List<SearchFilter.Channel> channels,
            @ToolArg(description = SearchFilter.ARCHIVED, required = false) Boolean archived,
            @ToolArg(name = "created_after", description = SearchFilter.CREATED_AFTER, required = false)
                    String createdAfter,
            @ToolArg(name = "created_before", description = SearchFilter.CREATED_BEFORE, required = false)
                    String createdBefore) {
        SearchFilter filter = new SearchFilter(
                search, customFields, tagIds, folderIds, emailDomain, channels, archived, createdAfter, createdBefore);
        return access.as(
                call,
                "contact:list",
                caller -> Uni.createFrom()
                        .item(() -> filter.toFilter(null, null))
                        .flatMap(f -> contacts.count(caller, f, COUNT_CAP + 1))
                        .map(total -> new McpViews.Count(Math.min(total, COUNT_CAP), total <= COUNT_CAP)));
    }
}
