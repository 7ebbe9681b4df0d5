package com.contactproperties.event;

import com.contactproperties.platform.error.DomainException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The event types the service writes, and the check of a reader's type filter against them. */
public final class EventTypes {

    /** Every type, in the order the documentation lists them. */
    public static final List<String> ALL = List.of(
            "contact.created",
            "contact.updated",
            "contact.archived",
            "contact.unarchived",
            "contact.deleted",
            "property.created",
            "property.updated",
            "property.deleted",
            "task.completed",
            "task.failed",
            "task.cancelled",
            "import.completed",
            "survey.requested");

    private EventTypes() {}

    /** The types of a comma-separated filter (empty: every type), or a 400 naming {@code field}. */
    public static Set<String> parse(String filter, String field) {
        Set<String> types = new LinkedHashSet<>();
        if (filter == null || filter.isBlank()) {
            return types;
        }
        for (String type : filter.split(",")) {
            String trimmed = type.strip();
            if (!ALL.contains(trimmed)) {
                throw new DomainException.BadRequest(
                        field, "'" + trimmed + "' is not an event type; the types are " + String.join(", ", ALL));
            }
            types.add(trimmed);
        }
        return types;
    }
}
