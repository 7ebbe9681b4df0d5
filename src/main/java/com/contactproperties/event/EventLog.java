package com.contactproperties.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Appends change events in the transaction of the change they describe (the caller's
 * {@link SqlClient}), so that no change is ever lost or announced without happening.
 *
 * <p>Contact rows announce themselves: a write path calls {@link #declare} once in its transaction,
 * and every statement that then inserts or updates contacts writes the events of the rows it
 * changed, with the old and the new stored values, in one set-based statement (V25). Other objects
 * call {@link #append} or {@link #appendAll}.
 */
@ApplicationScoped
public class EventLog {

    private final EventRepository events;

    EventLog(EventRepository events) {
        this.events = events;
    }

    /** Contact rows this transaction changes from now on are announced with this origin. */
    public Uni<Void> declare(SqlClient tx, EventOrigin origin) {
        return events.declare(tx, origin);
    }

    /**
     * Contact rows this transaction changes from now on are announced as applied by the batch task
     * (its author the actor); a task type whose changes are not announced declares nothing.
     */
    public Uni<Void> declareTask(SqlClient tx, String tenantId, String taskId, String taskType) {
        String source = EventOrigin.ofTaskType(taskType);
        return source == null ? Uni.createFrom().voidItem() : events.declareTask(tx, tenantId, taskId, source);
    }

    /** One event, in the caller's transaction. */
    public Uni<Void> append(SqlClient tx, String tenantId, EventOrigin origin, NewEvent event) {
        return events.insert(tx, tenantId, origin, List.of(event));
    }

    /** Many events of one origin in one statement, in the caller's transaction. */
    public Uni<Void> appendAll(SqlClient tx, String tenantId, EventOrigin origin, List<NewEvent> batch) {
        return events.insert(tx, tenantId, origin, batch);
    }
}
