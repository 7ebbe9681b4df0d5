package com.contactproperties.event;

import com.contactproperties.platform.security.Caller;

/**
 * What caused the events of a write: its {@code source} ({@code api}, {@code bulk}, {@code import},
 * {@code customers}, {@code survey}, {@code mcp}, {@code retype}, {@code purge}), the token's
 * {@code sub} that asked for it, and the batch task that applied it, if any.
 */
public record EventOrigin(String source, String actor, String taskId) {

    /** A change asked for directly, with no batch task in between. */
    public static EventOrigin of(String source, String actor) {
        return new EventOrigin(source, actor, null);
    }

    /** A change a caller asked for through the surface it came by ({@code api}, {@code mcp}). */
    public static EventOrigin of(Caller caller) {
        return of(caller.source(), caller.userId());
    }

    /**
     * A change a caller asked for through an HTTP operation that names its own source ({@code customers},
     * {@code survey}); through another surface, that surface.
     */
    public static EventOrigin of(Caller caller, String operation) {
        return of("api".equals(caller.source()) ? operation : caller.source(), caller.userId());
    }

    /**
     * The source of the changes a batch task of this type applies; null for a purge, whose removals
     * of values no read has shown since the property's deletion are not announced contact by contact.
     */
    public static String ofTaskType(String taskType) {
        return switch (taskType) {
            case "bulk_update" -> "bulk";
            case "import" -> "import";
            case "property_retype" -> "retype";
            default -> null;
        };
    }
}
