package com.contactproperties.platform.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Work that may fail inside a transaction without ending it: a savepoint before, rolled back to on failure. */
public final class Savepoints {

    private Savepoints() {}

    /**
     * Runs {@code work} after a savepoint named {@code name}; a failure that {@code recoverable}
     * accepts rolls the transaction back to the savepoint and answers {@code fallback}'s work instead.
     */
    public static <T> Uni<T> attempt(
            SqlConnection connection,
            String name,
            Supplier<Uni<T>> work,
            Predicate<Throwable> recoverable,
            Supplier<Uni<T>> fallback) {
        return connection
                .query("savepoint " + name)
                .execute()
                .flatMap(ignored -> work.get())
                .onFailure(recoverable)
                .recoverWithUni(failure -> connection
                        .query("rollback to savepoint " + name)
                        .execute()
                        .flatMap(ignored -> fallback.get()));
    }
}
