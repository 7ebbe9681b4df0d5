package com.contactproperties.event;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deletes events older than the retention, in every instance on a timer. Each batch is its own
 * transaction and skips rows another instance is deleting, so instances never wait on each other,
 * and a crash at any moment only leaves expired events for the next run.
 */
@ApplicationScoped
public class EventRetention {

    private final Pool pool;
    private final EventRepository events;
    private final EventConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    EventRetention(Pool pool, EventRepository events, EventConfig config, Vertx vertx) {
        this.pool = pool;
        this.events = events;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.purgeEvery().toMillis(), ignored -> purgeInBackground());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes every event older than the retention now; answers how many. */
    public Uni<Long> purge() {
        return purgeBefore(Instant.now().minus(config.retention()), 0L);
    }

    private Uni<Long> purgeBefore(Instant before, long deleted) {
        return pool.withTransaction(c -> events.purge(c, before, config.purgeBatch()))
                .flatMap(count -> count < config.purgeBatch()
                        ? Uni.createFrom().item(deleted + count)
                        : purgeBefore(before, deleted + count));
    }

    private void purgeInBackground() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        purge().eventually(() -> running.set(false))
                .subscribe()
                .with(
                        count -> {
                            if (count > 0) {
                                Log.infof("Purged %d events older than %s", count, config.retention());
                            }
                        },
                        failure -> Log.warnf(
                                "Could not purge old events (%s); trying again at the next run", failure.toString()));
    }
}
