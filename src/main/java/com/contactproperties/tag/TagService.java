package com.contactproperties.tag;

import com.contactproperties.platform.db.Constraints;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.paging.Page;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.paging.PageToken;
import com.contactproperties.platform.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The tags of a tenant: list by name, create with a unique name, delete. */
@ApplicationScoped
public class TagService {

    /** Longest tag name, in characters. */
    public static final int MAX_NAME_LENGTH = 100;

    private static final String LIST = "tags";

    private final TagRepository tags;
    private final PageToken pageTokens;

    TagService(TagRepository tags, PageToken pageTokens) {
        this.tags = tags;
        this.pageTokens = pageTokens;
    }

    /** One page of the tenant's tags, ordered by name case-insensitively. */
    @WithSession
    public Uni<Page<TagView>> list(Caller caller, PageRequest page) {
        List<String> after = page.pageToken() == null ? null : pageTokens.decode(LIST, page.pageToken(), 2);
        return tags.page(caller.tenantId(), after, page.pageSize() + 1)
                .flatMap(rows -> tags.labeledCounts(
                                caller.tenantId(),
                                rows.stream().map(tag -> tag.id).toList())
                        .map(counts -> toPage(rows, counts, page.pageSize())));
    }

    /** Creates a tag; a name the tenant already uses, in any case, is a conflict. */
    @WithTransaction
    public Uni<TagView> create(Caller caller, String requestedName) {
        String name = validName(requestedName);
        return tags.findByName(caller.tenantId(), name)
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().failure(duplicate(name, existing.id))
                        : insert(caller, name));
    }

    /** Deletes a tag of the tenant; an unknown id, or another tenant's, is not found. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, String id) {
        return tags.deleteById(caller.tenantId(), id)
                .flatMap(deleted -> deleted
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new DomainException.NotFound("Tag", id)));
    }

    private Uni<TagView> insert(Caller caller, String name) {
        Tag tag = new Tag();
        tag.tenantId = caller.tenantId();
        tag.id = Ids.next("tag");
        tag.name = name;
        tag.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        tag.createdBy = caller.userId();
        return tags.persistAndFlush(tag)
                .map(saved -> TagView.of(saved, 0))
                .onFailure(Constraints::isUniqueViolation)
                .transform(e -> duplicate(name, null));
    }

    private Page<TagView> toPage(List<Tag> rows, Map<String, Long> counts, int size) {
        List<TagView> items = rows.stream()
                .limit(size)
                .map(tag -> TagView.of(tag, counts.getOrDefault(tag.id, 0L)))
                .toList();
        String next = null;
        if (rows.size() > size) {
            TagView last = items.get(items.size() - 1);
            next = pageTokens.encode(LIST, List.of(last.name(), last.id()));
        }
        return new Page<>(items, next);
    }

    static String validName(String requested) {
        if (requested == null) {
            throw new DomainException.Invalid("name", "is required");
        }
        String name = requested.strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > MAX_NAME_LENGTH) {
            throw new DomainException.Invalid(
                    "name", "must be 1 to " + MAX_NAME_LENGTH + " characters after trimming, was " + length);
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new DomainException.Invalid("name", "must not contain control characters");
        }
        return name;
    }

    private static DomainException duplicate(String name, String existingId) {
        return new DomainException.Conflict(
                "name",
                "A tag named '" + name + "' already exists" + (existingId == null ? "" : " (" + existingId + ")"));
    }
}
