package com.contactproperties.importing;

import com.contactproperties.event.EventLog;
import com.contactproperties.event.EventOrigin;
import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.idempotency.Idempotency;
import com.contactproperties.platform.json.Json;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.ContactPoints;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.MissingProperties;
import com.contactproperties.property.PropertyDefinition;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Starts CSV imports: checks the header, then streams the file's rows into the items of an import
 * task in one transaction, so that the task and every row exist before the 202 and nothing is
 * half-stored. Parsing and hashing are blocking and run on the worker pool, a batch at a time.
 */
@ApplicationScoped
public class ImportService {

    /** The options of an upload. */
    public record Options(boolean dryRun, boolean createMissingProperties, String delimiter, String defaultRegion) {}

    private static final int BATCH = 1_000;
    private static final String OPERATION = "import";

    private final DefinitionService definitions;
    private final MissingProperties missingProperties;
    private final TaskService tasks;
    private final ImportItems items;
    private final Idempotency idempotency;
    private final AppConfig.Importing limits;
    private final EventLog events;

    ImportService(
            DefinitionService definitions,
            MissingProperties missingProperties,
            TaskService tasks,
            ImportItems items,
            Idempotency idempotency,
            AppConfig config,
            EventLog events) {
        this.events = events;
        this.definitions = definitions;
        this.missingProperties = missingProperties;
        this.tasks = tasks;
        this.items = items;
        this.idempotency = idempotency;
        this.limits = config.importing();
    }

    /** Stores the file's rows as an import task and answers what {@code render} makes of its id. */
    public Uni<Idempotency.Answer> start(
            Caller caller,
            Path file,
            Options options,
            Optional<String> key,
            Function<String, Idempotency.Answer> render) {
        if (options.defaultRegion() != null && !ContactPoints.isRegion(options.defaultRegion())) {
            return Uni.createFrom()
                    .failure(new DomainException.BadRequest("defaultRegion", "must be a region code such as PL or US"));
        }
        return blocking(() -> checkedSize(file))
                .flatMap(ignored -> blocking(() -> CsvSource.open(file, options.delimiter())))
                .flatMap(source -> prepare(caller, source.header(), options)
                        .flatMap(prepared -> (key.isPresent()
                                        ? blocking(() -> fingerprint(file, options))
                                        : Uni.createFrom().item(""))
                                .flatMap(hash -> idempotency.once(
                                        caller.tenantId(),
                                        OPERATION,
                                        key,
                                        hash,
                                        tx -> store(tx, caller, source, prepared, options)
                                                .map(render))))
                        .eventually(source::close))
                .onFailure(DomainException.Conflict.class)
                .transform(ImportService::onOptions)
                .invoke(tasks::wake);
    }

    /**
     * A header checked against the definitions, storing nothing: its columns, the unknown ones that
     * createMissingProperties makes text properties, and those properties unsaved (for a dry run).
     */
    private record Prepared(
            List<String> header,
            List<ImportColumns.Column> columns,
            List<String> missing,
            List<PropertyDefinition> unsaved) {}

    /**
     * Checks the header as if the missing properties existed, so that a header refused for any reason
     * (too many columns, a repeated one, none identifying) creates none.
     */
    private Uni<Prepared> prepare(Caller caller, List<String> header, Options options) {
        // Keying up to 500 titles derives every spelling of every key: CPU work, kept off the event loop.
        return definitions
                .index(caller.tenantId(), EntityType.CONTACT)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(index -> {
                    // Past the column limit plan() refuses the header at once; no property is worth keying for it.
                    List<String> missing = !options.createMissingProperties() || header.size() > limits.maxColumns()
                            ? List.of()
                            : ImportColumns.unknown(header, index).stream()
                                    .filter(h -> !h.isBlank())
                                    .distinct()
                                    .toList();
                    List<PropertyDefinition> unsaved =
                            missingProperties.unsaved(caller, EntityType.CONTACT, index, missing);
                    DefinitionIndex planned = DefinitionIndex.of(Stream.concat(index.all().stream(), unsaved.stream())
                            .toList());
                    return new Prepared(
                            header, ImportColumns.plan(header, planned, limits.maxColumns()), missing, unsaved);
                });
    }

    /**
     * The task and its rows; the missing properties last, in the same transaction, so that a file
     * refused while its rows are read creates none, and the definitions lock they take is held only
     * to the commit.
     */
    private Uni<String> store(SqlConnection tx, Caller caller, CsvSource source, Prepared prepared, Options options) {
        String tenantId = caller.tenantId();
        return tasks.create(
                        tx,
                        tenantId,
                        caller.userId(),
                        TaskType.IMPORT,
                        0,
                        params(prepared.columns(), prepared, options),
                        List.of())
                .call(taskId -> storeBatches(tx, tenantId, taskId, source, emailColumn(prepared.columns()))
                        .flatMap(total -> storedColumns(tx, caller, prepared, options)
                                .flatMap(columns -> tasks.setTotal(
                                        tx, tenantId, taskId, total, params(columns, prepared, options))))
                        .flatMap(ignored -> items.recordRepeatedEmails(tx, tenantId, taskId)));
    }

    /** The columns the import applies: a dry run keeps the unsaved properties, a real run creates them now. */
    private Uni<List<ImportColumns.Column>> storedColumns(
            SqlConnection tx, Caller caller, Prepared prepared, Options options) {
        if (options.dryRun() || prepared.missing().isEmpty()) {
            return Uni.createFrom().item(prepared.columns());
        }
        return events.declare(tx, EventOrigin.of(caller, "import"))
                .flatMap(x -> missingProperties.create(tx, caller, EntityType.CONTACT, prepared.missing()))
                .map(index -> ImportColumns.plan(prepared.header(), index, limits.maxColumns()));
    }

    private JsonObject params(List<ImportColumns.Column> columns, Prepared prepared, Options options) {
        JsonObject params = new JsonObject()
                .put("columns", ImportColumns.toJson(columns))
                .put("dry_run", options.dryRun())
                .put(
                        "default_region",
                        options.defaultRegion() == null
                                ? null
                                : options.defaultRegion().toUpperCase(Locale.ROOT))
                .put("clear_marker", limits.clearMarker());
        return options.dryRun() && !prepared.unsaved().isEmpty()
                ? params.put("unsaved_properties", ImportColumns.unsavedToJson(prepared.unsaved()))
                : params;
    }

    /** The definition limit is met through createMissingProperties, the field of the upload to name. */
    private static Throwable onOptions(Throwable conflict) {
        return ((DomainException) conflict).withFields(field -> "createMissingProperties");
    }

    /**
     * Reads the file a batch at a time on the worker pool and stores each batch before taking the
     * next, so that at most two batches are in memory (the one being stored and the one being read),
     * whatever the file's size. (A recursive chain of Unis kept every batch reachable until the last
     * was stored: a 1,000,000-row file ran a 256 MiB heap out of memory.)
     */
    private Uni<Integer> storeBatches(SqlClient tx, String tenantId, String taskId, CsvSource source, int email) {
        AtomicInteger stored = new AtomicInteger();
        ReadAhead batches = new ReadAhead(source, email);
        return Multi.createBy()
                .repeating()
                .uni(batches::next)
                .until(List::isEmpty)
                .onItem()
                .transformToUniAndConcatenate(payloads -> {
                    int from = stored.getAndAdd(payloads.size());
                    if (from + payloads.size() > limits.maxRows()) {
                        return Uni.createFrom()
                                .failure(new DomainException.TooLarge(
                                        "file",
                                        "has more than " + limits.maxRows()
                                                + " data rows, the import limit: split it into smaller files"));
                    }
                    return tasks.addItems(tx, tenantId, taskId, from, payloads);
                })
                .onItem()
                .ignoreAsUni()
                .map(ignored -> {
                    if (stored.get() == 0) {
                        throw new DomainException.Invalid("file", "has a header but no data rows");
                    }
                    return stored.get();
                });
    }

    /**
     * The file's rows as stored payloads, a batch at a time, each read and written on the worker pool
     * while the batch before it is being stored.
     */
    private static final class ReadAhead {

        private final CsvSource source;
        private final int email;
        private volatile CompletableFuture<List<String>> next;

        ReadAhead(CsvSource source, int email) {
            this.source = source;
            this.email = email;
            this.next = read();
        }

        /** The next batch (empty at the end of the file); reading the one after it starts as soon as it is here. */
        Uni<List<String>> next() {
            return Uni.createFrom().completionStage(next).invoke(payloads -> {
                if (!payloads.isEmpty()) {
                    next = read();
                }
            });
        }

        private CompletableFuture<List<String>> read() {
            return blocking(() -> source.nextBatch(BATCH).stream()
                            .map(row -> Json.write(Map.of(
                                    "row",
                                    row.number(),
                                    "cells",
                                    row.cells(),
                                    "k",
                                    email < 0 || email >= row.cells().size()
                                            ? ""
                                            : row.cells().get(email).strip().toLowerCase(Locale.ROOT))))
                            .toList())
                    .subscribeAsCompletionStage();
        }
    }

    private static int emailColumn(List<ImportColumns.Column> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if ("email".equals(columns.get(i).field())) {
                return i;
            }
        }
        return -1;
    }

    private Void checkedSize(Path file) {
        try {
            if (Files.size(file) > limits.maxFileBytes()) {
                throw new DomainException.TooLarge(
                        "file", "is larger than the import limit of " + limits.maxFileBytes() + " bytes");
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fingerprint(Path file, Options options) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                            .formatHex(
                                    ((DigestInputStream) in).getMessageDigest().digest()) + "/" + options;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs blocking work (file reading, parsing, hashing) on the worker pool, never on the event loop. */
    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
