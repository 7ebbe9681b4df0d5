package com.contactproperties.event;

import java.util.List;

/**
 * A page of the feed: the events in commit order, the cursor to resume from (the last event's, or
 * the one asked with when nothing new has been committed) and whether more events are ready now.
 */
public record EventPage(List<Event> events, String nextCursor, boolean hasMore) {}
