package com.contactproperties.importing;

import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.idempotency.Idempotency;
import com.contactproperties.platform.json.Json;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.ContactPoints;
import com.contactproperties.property.DefinitionCommands;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
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

  private final Pool pool;
  private final DefinitionService definitions;
  private final TaskService tasks;
  private final ImportItems items;
  private final Idempotency idempotency;
  private final AppConfig.Importing limits;

  ImportService(Pool pool, DefinitionService definitions, TaskService tasks, ImportItems items, Idempotency idempotency,
      AppConfig config) {
    this.pool = pool;
    this.definitions = definitions;
    this.tasks = tasks;
    this.items = items;
    this.idempotency = idempotency;
    this.limits = config.importing();
  }

  /** Stores the file's rows as an import task and answers what {@code render} makes of its id. */
  public Uni<Idempotency.Answer> start(Caller caller, Path file, Options options, Optional<String> key,
      Function<String, Idempotency.Answer> render) {
    if (options.defaultRegion() != null && !ContactPoints.isRegion(options.defaultRegion())) {
      return Uni.createFrom().failure(new DomainException.BadRequest("defaultRegion", "must be a region code such as PL or US"));
    }
    return blocking(() -> checkedSize(file)).flatMap(ignored -> blocking(() -> CsvSource.open(file, options.delimiter())))
        .flatMap(source -> prepare(caller, source.header(), options)
            .flatMap(columns -> (key.isPresent() ? blocking(() -> fingerprint(file, options)) : Uni.createFrom().item(""))
                .flatMap(hash -> pool.withTransaction(tx -> key.isEmpty() ? store(tx, caller, source, columns, options).map(render)
                    : idempotency.begin(tx, caller.tenantId(), OPERATION, key.get(), hash).flatMap(stored -> stored.isPresent()
                        ? Uni.createFrom().item(stored.get())
                        : store(tx, caller, source, columns, options).map(render)
                            .call(answer -> idempotency.save(tx, caller.tenantId(), OPERATION, key.get(), hash, answer))))))
            .eventually(source::close))
        .invoke(tasks::wake);
  }

  /** The column plan; with createMissingProperties, unknown columns first become text properties. */
  private Uni<List<ImportColumns.Column>> prepare(Caller caller, List<String> header, Options options) {
    return definitions.index(caller.tenantId(), EntityType.CONTACT).flatMap(index -> {
      List<String> unknown = ImportColumns.unknown(header, index);
      if (!options.createMissingProperties() || unknown.isEmpty()) {
        return Uni.createFrom().item(index);
      }
      Uni<Void> created = Uni.createFrom().voidItem();
      for (String title : unknown.stream().filter(h -> !h.isBlank()).distinct().toList()) {
        created = created.flatMap(ignored -> definitions.create(caller, EntityType.CONTACT,
            new DefinitionCommands.Create(title, "text", null, null, false)).replaceWithVoid());
      }
      return created.flatMap(ignored -> definitions.index(caller.tenantId(), EntityType.CONTACT));
    }).map(index -> ImportColumns.plan(header, index, limits.maxColumns()));
  }

  private Uni<String> store(SqlClient tx, Caller caller, CsvSource source, List<ImportColumns.Column> columns, Options options) {
    JsonObject params = new JsonObject().put("columns", ImportColumns.toJson(columns)).put("dry_run", options.dryRun())
        .put("default_region", options.defaultRegion() == null ? null : options.defaultRegion().toUpperCase(Locale.ROOT))
        .put("clear_marker", limits.clearMarker());
    int email = emailColumn(columns);
    return tasks.create(tx, caller.tenantId(), caller.userId(), TaskType.IMPORT, 0, params, List.of())
        .flatMap(taskId -> storeBatches(tx, caller.tenantId(), taskId, source, email)
            .flatMap(total -> total == 0
                ? Uni.createFrom().failure(new DomainException.Invalid("file", "has a header but no data rows"))
                : tasks.setTotal(tx, caller.tenantId(), taskId, total))
            .flatMap(ignored -> items.recordRepeatedEmails(tx, caller.tenantId(), taskId))
            .replaceWith(taskId));
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
    return Multi.createBy().repeating().uni(batches::next).until(List::isEmpty)
        .onItem().transformToUniAndConcatenate(payloads -> {
          int from = stored.getAndAdd(payloads.size());
          if (from + payloads.size() > limits.maxRows()) {
            return Uni.createFrom().failure(new DomainException.TooLarge("file",
                "has more than " + limits.maxRows() + " data rows, the import limit: split it into smaller files"));
          }
          return tasks.addItems(tx, tenantId, taskId, from, payloads);
        })
        .onItem().ignoreAsUni()
        .map(ignored -> stored.get());
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
      return blocking(() -> source.nextBatch(BATCH).stream().map(row -> Json.write(Map.of("row", row.number(), "cells", row.cells(),
          "k", email < 0 || email >= row.cells().size() ? "" : row.cells().get(email).strip().toLowerCase(Locale.ROOT)))).toList())
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
        throw new DomainException.TooLarge("file", "is larger than the import limit of " + limits.maxFileBytes() + " bytes");
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fingerprint(Path file, Options options) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()) + "/" + options;
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
