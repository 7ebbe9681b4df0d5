package com.contactproperties.importing;

import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.PropertyDefinition;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The next chunk of each running import, read and checked while the current one is written, so that
 * checking cells overlaps the database's work; a chunk read ahead is used only if the definitions it
 * was checked against are still the task's.
 */
@ApplicationScoped
class ImportReadAhead {

    /** A chunk's rows, checked, and whether they are the task's last. */
    record Rows(List<ImportRow> rows, boolean last) {}

    private record Ahead(int from, List<PropertyDefinition> definitions, CompletableFuture<Rows> rows) {}

    // Keyed by task id; an entry left behind by a task that ended or moved to another instance expires.
    private final Cache<String, Ahead> ahead = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    /** Starts reading the chunk at {@code from} of the task, checked against {@code index}. */
    void start(String taskId, int from, DefinitionIndex index, Uni<Rows> read) {
        ahead.put(taskId, new Ahead(from, index.all(), read.subscribeAsCompletionStage()));
    }

    /**
     * The rows of the chunk at {@code from}: those read ahead, unless the definitions changed since
     * or the read failed, else read now by {@code readNow}.
     */
    Uni<Rows> take(String taskId, int from, DefinitionIndex index, Supplier<Uni<Rows>> readNow) {
        Ahead next = ahead.asMap().remove(taskId);
        if (next == null || next.from() != from || !next.definitions().equals(index.all())) {
            return readNow.get();
        }
        return Uni.createFrom().completionStage(next.rows()).onFailure().recoverWithUni(() -> readNow.get());
    }
}
