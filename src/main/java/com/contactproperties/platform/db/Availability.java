package com.contactproperties.platform.db;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Recognises a failure that says the database cannot be reached right now (refused or lost
 * connections, a server shutting down or starting, no free connection), as opposed to a failure of
 * the request itself: the first is a 503 to retry, and leaves background tasks to be resumed.
 */
public final class Availability {

    /** Seconds a client is told to wait before retrying while the database is unreachable. */
    public static final int RETRY_AFTER_SECONDS = 5;

    // 08: connection exceptions; 57P01-57P03: administrator shutdown, crash shutdown, cannot connect now;
    // 53300: too many connections.
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private Availability() {}

    /** Whether the failure, or any of its causes, means the database is unreachable. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        return Causes.of(failure).stream().anyMatch(Availability::unavailable);
    }

    private static boolean unavailable(Throwable e) {
        if (e instanceof PgException pg) {
            String state = pg.getSqlState();
            return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
        }
        return e instanceof ConnectException
                || e instanceof ClosedConnectionException
                || e instanceof TimeoutException
                || e instanceof io.vertx.core.http.ConnectionPoolTooBusyException;
    }
}
