package com.contactproperties.event;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A tenant's events in commit order from a cursor: a reader that resumes from the last cursor it
 * was given misses nothing and sees nothing twice, however the writers' commits interleave.
 */
@ApplicationScoped
public class EventFeed {

    /** Events in a page unless the reader asks for another number. */
    public static final int DEFAULT_LIMIT = 100;

    /** The most events one page answers. */
    public static final int MAX_LIMIT = 1000;

    private final Pool pool;
    private final EventRepository events;

    EventFeed(Pool pool, EventRepository events) {
        this.pool = pool;
        this.events = events;
    }

    /** A page size as a reader sends it: blank is the default, else a whole number from 1 to the maximum. */
    public static int limit(String text, String field) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new DomainException.BadRequest(field, "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** The latest {@code limit} events since {@code since} (null: any time), newest first, filtered as {@link #page}. */
    public Uni<List<Event>> recent(Caller caller, Set<String> types, String objectId, Instant since, int limit) {
        return events.recent(pool, caller.tenantId(), types, objectId, since, limit);
    }

    /** Up to {@code limit} events after {@code after}, of the given types (empty: all) and object (null: any). */
    public Uni<EventPage> page(Caller caller, EventCursor after, Set<String> types, String objectId, int limit) {
        return events.after(pool, caller.tenantId(), after, types, objectId, limit + 1)
                .map(found -> {
                    boolean more = found.size() > limit;
                    List<Event> page = more ? found.subList(0, limit) : found;
                    String next = page.isEmpty()
                            ? after.encode()
                            : page.get(page.size() - 1).cursor();
                    return new EventPage(List.copyOf(page), next, more);
                });
    }
}
