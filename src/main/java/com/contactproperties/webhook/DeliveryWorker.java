package com.contactproperties.webhook;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers webhooks in every instance, coordinated only through PostgreSQL. Each poll first turns
 * new events into deliveries (one transaction per tenant that also moves its cursor), then claims
 * due deliveries under a lease with FOR UPDATE SKIP LOCKED and sends them, at most
 * {@code concurrency} at a time. A sender killed mid-request loses its lease and the delivery is
 * sent again: at least once. This is a loop of its own rather than task-engine tasks because
 * deliveries are small, numerous and each on its own retry schedule, and because an HTTP request
 * must not run inside the chunk transaction a task handler is given.
 */
@ApplicationScoped
class DeliveryWorker {

    private static final int TENANTS_PER_POLL = 50;
    private static final long LEASE_MARGIN_SECONDS = 5;

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final Sender sender;
    private final WebhookConfig config;
    private final Vertx vertx;
    private final String owner = "webhooks-" + UUID.randomUUID();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private long timer = -1;

    DeliveryWorker(Pool pool, DeliveryRepository deliveries, Sender sender, WebhookConfig config, Vertx vertx) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.sender = sender;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(Math.max(10, config.pollInterval().toMillis()), ignored -> poll());
        }
    }

    /** Stops taking work; deliveries in flight that do not finish are sent again once their lease expires. */
    void stop(@Observes ShutdownEvent event) {
        stopping.set(true);
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void poll() {
        if (stopping.get() || !polling.compareAndSet(false, true)) {
            return;
        }
        dispatchAll()
                .flatMap(ignored -> claimAndSend())
                .eventually(() -> polling.set(false))
                .subscribe()
                .with(
                        ignored -> {},
                        failure -> Log.warnf("Webhook poll failed (%s); trying again", failure.toString()));
    }

    private Uni<Void> dispatchAll() {
        return pool.withConnection(c -> deliveries.tenantsWithNewEvents(c, TENANTS_PER_POLL))
                .onItem()
                .transformToMulti(tenants -> Multi.createFrom().iterable(tenants))
                .onItem()
                .transformToUniAndConcatenate(this::dispatch)
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** Dispatches a tenant's new events a batch per transaction until none is left. */
    private Uni<Integer> dispatch(String tenantId) {
        return pool.withTransaction(c -> deliveries.dispatch(c, tenantId, config.dispatchBatch()))
                .flatMap(taken -> taken >= config.dispatchBatch() && !stopping.get()
                        ? dispatch(tenantId)
                        : Uni.createFrom().item(taken));
    }

    private Uni<Void> claimAndSend() {
        int free = config.concurrency() - inFlight.get();
        if (free <= 0) {
            return Uni.createFrom().voidItem();
        }
        long lease = config.timeout().toSeconds() + LEASE_MARGIN_SECONDS;
        return pool.withTransaction(c -> deliveries.claim(c, owner, lease, free))
                .invoke(claimed -> claimed.forEach(this::launch))
                .replaceWithVoid();
    }

    private void launch(DeliveryRepository.Outgoing delivery) {
        inFlight.incrementAndGet();
        sender.send(delivery)
                .flatMap(outcome -> record(delivery, outcome))
                .eventually(inFlight::decrementAndGet)
                .subscribe()
                .with(
                        // A finished delivery may release the next one of its contact: look for it now.
                        ignored -> vertx.runOnContext(this::poll),
                        failure -> Log.warnf(
                                "Could not record delivery %s (%s); it is sent again when its lease expires",
                                delivery.id(), failure.toString()));
    }

    private Uni<Void> record(DeliveryRepository.Outgoing delivery, Sender.Outcome outcome) {
        if (outcome.succeeded()) {
            return pool.withTransaction(c -> deliveries.succeeded(c, delivery, owner, outcome))
                    .replaceWithVoid();
        }
        long delay = Backoff.delayMillis(config, delivery.attempts());
        return pool.withTransaction(c -> deliveries
                .failed(c, delivery, owner, outcome, delay, config.maxAttempts())
                .flatMap(status -> status.orElse(null) == DeliveryStatus.FAILED
                        ? deliveries.disableIfFailing(c, delivery, disabledReason(delivery, outcome))
                        : Uni.createFrom().item(false))
                .invoke(disabled -> {
                    if (disabled) {
                        Log.infof(
                                "Webhook subscription %s of tenant %s disabled: nothing delivered during the retry period",
                                delivery.subscriptionId(), delivery.tenantId());
                    }
                })
                .replaceWithVoid());
    }

    private static String disabledReason(DeliveryRepository.Outgoing delivery, Sender.Outcome outcome) {
        return "No delivery succeeded during the whole retry period: delivery " + delivery.id() + " failed all "
                + (delivery.attempts() + 1) + " of its attempts, the last with: " + outcome.error()
                + ". Set active to true once the receiver works again.";
    }
}
