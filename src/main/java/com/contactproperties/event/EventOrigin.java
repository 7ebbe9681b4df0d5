package com.contactproperties.event;

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
}
