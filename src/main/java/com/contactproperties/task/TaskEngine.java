package com.contactproperties.task;

import com.contactproperties.event.EventLog;
import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.db.Availability;
import com.contactproperties.platform.db.Constraints;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs background tasks in every instance, coordinated only through PostgreSQL: a worker claims a
 * task under a lease (FOR UPDATE SKIP LOCKED), then applies it chunk by chunk, each chunk one
 * transaction that re-checks the lease, applies the items and advances the cursor and counters.
 * A crash loses at most an uncommitted chunk, which the next holder of the task applies again
 * from the cursor; nothing is applied twice. Everything runs as Mutiny pipelines on the event
 * loop; handlers that need blocking work move it to a worker pool themselves.
 */
@ApplicationScoped
public class TaskEngine {

    private static final int CHUNK_RETRIES = 3;

    private final Pool pool;
    private final EventLog events;
    private final TaskRepository tasks;
    private final AppConfig.Tasks config;
    private final Vertx vertx;
    private final Map<TaskType, TaskHandler> handlers;
    private final String owner = "worker-" + UUID.randomUUID();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean polling = new AtomicBoolean();
    private long timer = -1;

    TaskEngine(
            Pool pool,
            TaskRepository tasks,
            AppConfig config,
            Vertx vertx,
            Instance<TaskHandler> handlers,
            EventLog events) {
        this.pool = pool;
        this.events = events;
        this.tasks = tasks;
        this.config = config.tasks();
        this.vertx = vertx;
        this.handlers = handlers.stream().collect(Collectors.toMap(TaskHandler::type, Function.identity()));
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(config.pollMillis(), ignored -> poll());
        }
    }

    /** Looks for work now rather than at the next poll: called when a task was just created here. */
    public void wake() {
        if (config.enabled()) {
            vertx.runOnContext(this::poll);
        }
    }

    /** Graceful shutdown: no new chunks start, running chunks finish, and their tasks are released. */
    void stop(@Observes ShutdownEvent event) {
        stopping.set(true);
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!running.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void poll() {
        if (stopping.get() || running.size() >= config.concurrency() || !polling.compareAndSet(false, true)) {
            return;
        }
        pool.withTransaction(c -> tasks.claim(c, owner, config.leaseSeconds(), config.perTenantLimit()))
                .eventually(() -> polling.set(false))
                .subscribe()
                .with(
                        claimed -> claimed.ifPresent(task -> {
                            running.add(task.id());
                            runChunks(task)
                                    .eventually(() -> running.remove(task.id()))
                                    .subscribe()
                                    .with(
                                            done -> poll(),
                                            failure -> Log.errorf(failure, "Task %s stopped unexpectedly", task.id()));
                            poll();
                        }),
                        failure -> Log.warnf(
                                "Could not claim a task (%s); trying again at the next poll", failure.toString()));
    }

    /** Applies chunks until the task ends, its lease is lost, or the instance stops. */
    private Uni<Void> runChunks(TaskHandler.ClaimedTask task) {
        if (stopping.get()) {
            return pool.withTransaction(c -> tasks.release(c, task.tenantId(), task.id(), owner));
        }
        return pool.withTransaction(c -> tasks.lockOwned(c, task.tenantId(), task.id(), owner)
                        .flatMap(owned -> {
                            if (owned.isEmpty()) {
                                return Uni.createFrom().item(false);
                            }
                            if (owned.get().cancelRequested()) {
                                return tasks.finish(c, task.tenantId(), task.id(), "cancelled")
                                        .replaceWith(false);
                            }
                            TaskHandler handler = handlers.get(task.type());
                            TaskHandler.ClaimedTask current = owned.get().task();
                            return events.declareTask(
                                            c,
                                            task.tenantId(),
                                            task.id(),
                                            task.type().wire())
                                    .flatMap(x ->
                                            handler.processChunk(c, current, handler.chunkSize(config.chunkSize())))
                                    .flatMap(chunk -> tasks.advance(c, current, chunk, config.leaseSeconds())
                                            .flatMap(ignored -> chunk.done()
                                                    ? handler.onCompleted(c, current)
                                                            .flatMap(x -> tasks.finish(
                                                                    c, task.tenantId(), task.id(), "completed"))
                                                            .replaceWith(false)
                                                    : Uni.createFrom().item(true)));
                        }))
                // Another writer took a unique value (an email) between the chunk's lookups and its writes: the
                // chunk was rolled back, and run again it sees that writer's rows.
                .onFailure(Constraints::isUniqueViolation)
                .retry()
                .atMost(CHUNK_RETRIES)
                .onFailure()
                .recoverWithUni(failure -> fail(task, failure))
                .flatMap(more -> more ? runChunks(task) : Uni.createFrom().voidItem());
    }

    private Uni<Boolean> fail(TaskHandler.ClaimedTask task, Throwable failure) {
        if (Availability.isDatabaseUnavailable(failure)) {
            // Not the task's fault: its chunk was rolled back, and it resumes from its cursor once its lease expires.
            Log.warnf("Task %s paused while the database is unavailable: %s", task.id(), failure.toString());
            return Uni.createFrom().item(false);
        }
        Log.errorf(failure, "Task %s (%s) failed", task.id(), task.type().wire());
        return pool.withTransaction(c -> tasks.insertErrors(
                                c,
                                task.tenantId(),
                                task.id(),
                                List.of(new TaskView.TaskError(
                                        null, null, "The task failed unexpectedly; the failure has been logged")))
                        .flatMap(ignored -> tasks.finish(c, task.tenantId(), task.id(), "failed")))
                .onFailure()
                .invoke(e -> Log.errorf(e, "Could not mark task %s failed; its lease will expire", task.id()))
                .onFailure()
                .recoverWithNull()
                .replaceWith(false);
    }
}
