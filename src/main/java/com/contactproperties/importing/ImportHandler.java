package com.contactproperties.importing;

import com.contactproperties.platform.AppConfig;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.ValueContext;
import com.contactproperties.task.TaskHandler;
import com.contactproperties.task.TaskType;
import com.contactproperties.task.TaskView;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a chunk of CSV rows: every cell through the type system, rows matched to live contacts by
 * email then username, updated or created with set-based statements, tags created when missing.
 * A row with any invalid cell is skipped whole and reported. A dry run does all of it but write.
 */
@ApplicationScoped
class ImportHandler implements TaskHandler {

    private final Pool pool;
    private final DefinitionService definitions;
    private final ImportRepository items;
    private final ImportReadAhead readAhead;
    private final AppConfig.Importing limits;

    ImportHandler(
            Pool pool,
            DefinitionService definitions,
            ImportRepository items,
            ImportReadAhead readAhead,
            AppConfig config) {
        this.pool = pool;
        this.definitions = definitions;
        this.items = items;
        this.readAhead = readAhead;
        this.limits = config.importing();
    }

    @Override
    public TaskType type() {
        return TaskType.IMPORT;
    }

    @Override
    public Uni<Chunk> processChunk(SqlConnection connection, ClaimedTask task, int chunkSize) {
        int from = task.cursor().isEmpty() ? 0 : Integer.parseInt(task.cursor());
        return definitions
                .index(connection, task.tenantId(), EntityType.CONTACT)
                .map(index -> ImportColumns.withUnsaved(index, task.params().getJsonArray("unsaved_properties")))
                .flatMap(index -> readAhead
                        .take(task.id(), from, index, () -> read(connection, task, from, chunkSize, index))
                        .flatMap(chunk -> write(connection, task, from, chunkSize, index, chunk)));
    }

    /** Starts reading the next chunk, then matches and writes this one's rows. */
    private Uni<Chunk> write(
            SqlConnection connection,
            ClaimedTask task,
            int from,
            int chunkSize,
            DefinitionIndex index,
            ImportReadAhead.Rows chunk) {
        if (!chunk.last()) {
            int next = from + chunk.rows().size();
            readAhead.start(task.id(), next, index, read(pool, task, next, chunkSize, index));
        }
        List<ImportRow> rows = chunk.rows();
        boolean dryRun = task.params().getBoolean("dry_run", false);
        return ImportWriter.match(connection, task.tenantId(), rows)
                .flatMap(targets -> ImportWriter.apply(connection, task.tenantId(), rows, targets, dryRun))
                .map(created -> chunk(from, rows, created, chunk.last()));
    }

    /** Reads the stored rows at {@code from} and checks every cell, on the worker pool, where checking cells belongs. */
    private Uni<ImportReadAhead.Rows> read(
            SqlClient sql, ClaimedTask task, int from, int chunkSize, DefinitionIndex index) {
        List<ImportColumns.Column> plan = ImportColumns.fromJson(task.params().getJsonArray("columns"));
        ValueContext context = new ValueContext(ZoneOffset.UTC, task.params().getString("default_region"));
        String clearMarker = task.params().getString("clear_marker");
        return items.chunk(sql, task, from, chunkSize)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(batch -> new ImportReadAhead.Rows(
                        batch.items().stream()
                                .map(item ->
                                        ImportRow.read(item, plan, index, context, clearMarker, limits.maxCellLength()))
                                .toList(),
                        batch.last()));
    }

    private static Chunk chunk(int from, List<ImportRow> rows, int created, boolean last) {
        List<TaskView.TaskError> errors = new ArrayList<>();
        rows.forEach(r -> errors.addAll(r.errors));
        int failed = (int) rows.stream().filter(r -> !r.valid()).count();
        int succeeded = rows.size() - failed;
        return new Chunk(
                String.valueOf(from + rows.size()),
                rows.size(),
                succeeded,
                failed,
                created,
                succeeded - created,
                errors,
                last);
    }
}
