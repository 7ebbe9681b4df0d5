package com.contactproperties.importing;

import com.contactproperties.contact.ContactBatchRepository;
import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.ids.Ids;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.PropertyDefinition;
import com.contactproperties.property.ValueContext;
import com.contactproperties.tag.TagNames;
import com.contactproperties.task.TaskHandler;
import com.contactproperties.task.TaskType;
import com.contactproperties.task.TaskView;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Applies a chunk of CSV rows: every cell through the type system, rows matched to live contacts by
 * email then username, updated or created with set-based statements, tags created when missing.
 * A row with any invalid cell is skipped whole and reported. A dry run does all of it but write.
 */
@ApplicationScoped
class ImportHandler implements TaskHandler {

    /** New contacts with their tags, and the search text the row trigger would compute from their columns and tag names (see V8). */
    private static final String INSERT = """
      insert into contacts (tenant_id, id, name, email, phone, username, language, status_override, custom_fields,
                            tag_ids, search_text, created_at, updated_at)
      select $1, u.id, r.name, r.email, r.phone, r.username, r.language, r.status_override, (u.setv)::jsonb,
             (u.tag_ids)::text[], lower(concat_ws(' ', r.name, r.email, r.phone, u.tags)), $2, $2
        from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as u(id, setv, cols, tags, tag_ids)
        cross join lateral (select coalesce(c ->> 'name', '') as name, c ->> 'email' as email, c ->> 'phone' as phone,
                                   c ->> 'username' as username, c ->> 'language' as language,
                                   c ->> 'status_override' as status_override
                              from (select (u.cols)::jsonb) as j(c)) r""";

    /** A chunk's rows, checked, and whether they are the task's last. */
    private record Rows(List<ImportRow> rows, boolean last) {}

    /** The next chunk of a running import, being read and checked while the current one is written. */
    private record Ahead(int from, List<PropertyDefinition> definitions, CompletableFuture<Rows> rows) {}

    private final Pool pool;
    private final DefinitionService definitions;
    private final ImportItems items;
    private final AppConfig.Importing limits;
    // Keyed by task id; an entry left behind by a task that ended or moved to another instance expires.
    private final Cache<String, Ahead> ahead = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    ImportHandler(Pool pool, DefinitionService definitions, ImportItems items, AppConfig config) {
        this.pool = pool;
        this.definitions = definitions;
        this.items = items;
        this.limits = config.importing();
    }

    @Override
    public TaskType type() {
        return TaskType.IMPORT;
    }

    @Override
    public Uni<Chunk> processChunk(SqlConnection connection, ClaimedTask task, int chunkSize) {
        int from = task.cursor().isEmpty() ? 0 : Integer.parseInt(task.cursor());
        boolean dryRun = task.params().getBoolean("dry_run", false);
        return definitions
                .index(task.tenantId(), EntityType.CONTACT)
                .map(index -> ImportColumns.withUnsaved(index, task.params().getJsonArray("unsaved_properties")))
                .flatMap(index -> rows(connection, task, from, chunkSize, index).flatMap(chunk -> {
                    if (!chunk.last()) {
                        int next = from + chunk.rows().size();
                        ahead.put(
                                task.id(),
                                new Ahead(
                                        next,
                                        index.all(),
                                        read(pool, task, next, chunkSize, index).subscribeAsCompletionStage()));
                    }
                    List<ImportRow> rows = chunk.rows();
                    return match(connection, task.tenantId(), rows)
                            .flatMap(targets -> apply(connection, task.tenantId(), rows, targets, dryRun))
                            .map(created -> chunk(from, rows, created, chunk.last()));
                }));
    }

    /**
     * The checked rows of the chunk at {@code from}: those read ahead while the previous chunk was
     * written, unless the definitions changed since, else read now.
     */
    private Uni<Rows> rows(SqlConnection connection, ClaimedTask task, int from, int chunkSize, DefinitionIndex index) {
        Ahead next = ahead.asMap().remove(task.id());
        if (next == null || next.from() != from || !next.definitions().equals(index.all())) {
            return read(connection, task, from, chunkSize, index);
        }
        return Uni.createFrom()
                .completionStage(next.rows())
                .onFailure()
                .recoverWithUni(() -> read(connection, task, from, chunkSize, index));
    }

    /** Reads the stored rows at {@code from} and checks every cell, on the worker pool (about 0.1 ms a row). */
    private Uni<Rows> read(SqlClient sql, ClaimedTask task, int from, int chunkSize, DefinitionIndex index) {
        List<ImportColumns.Column> plan = ImportColumns.fromJson(task.params().getJsonArray("columns"));
        ValueContext context = new ValueContext(ZoneOffset.UTC, task.params().getString("default_region"));
        String clearMarker = task.params().getString("clear_marker");
        return items.chunk(sql, task, from, chunkSize)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(batch -> new Rows(
                        batch.items().stream()
                                .map(item ->
                                        ImportRow.read(item, plan, index, context, clearMarker, limits.maxCellLength()))
                                .toList(),
                        batch.last()));
    }

    /** Row number to the live contact it updates: by email first, then by username; rows not in the map create one. */
    private static Uni<Map<Integer, String>> match(SqlConnection connection, String tenantId, List<ImportRow> rows) {
        List<String> emails =
                rows.stream().map(r -> r.lowerEmail).filter(e -> e != null).toList();
        List<String> usernames = rows.stream()
                .map(ImportRow::username)
                .filter(u -> u != null)
                .map(u -> u.toLowerCase(Locale.ROOT))
                .toList();
        return ContactBatchRepository.live(connection, tenantId, List.of(), emails, usernames)
                .map(found -> {
                    Map<String, String> byEmail = new HashMap<>();
                    Map<String, String> byUsername = new HashMap<>();
                    found.forEach(row -> {
                        if (row.getString(1) != null) {
                            byEmail.put(row.getString(1), row.getString(0));
                        }
                        if (row.getString(2) != null) {
                            byUsername.put(row.getString(2), row.getString(0));
                        }
                    });
                    Map<Integer, String> targets = new HashMap<>();
                    Set<String> usernamesTaken = new HashSet<>();
                    for (ImportRow row : rows) {
                        if (!row.valid()) {
                            continue;
                        }
                        String target = row.lowerEmail != null ? byEmail.get(row.lowerEmail) : null;
                        String username =
                                row.username() == null ? null : row.username().toLowerCase(Locale.ROOT);
                        if (target == null && row.lowerEmail == null && username != null) {
                            target = byUsername.get(username);
                        }
                        String holder = username == null ? null : byUsername.get(username);
                        if (username != null
                                && ((holder != null && !holder.equals(target)) || !usernamesTaken.add(username))) {
                            row.error("username", "'" + row.username() + "' already belongs to another contact");
                        } else if (target != null) {
                            targets.put(row.number, target);
                        }
                    }
                    return targets;
                });
    }

    /** Writes the valid rows (unless a dry run); answers how many contacts were created. */
    private static Uni<Integer> apply(
            SqlConnection connection,
            String tenantId,
            List<ImportRow> rows,
            Map<Integer, String> targets,
            boolean dryRun) {
        List<ImportRow> valid = rows.stream().filter(ImportRow::valid).toList();
        List<ImportRow> updates =
                valid.stream().filter(r -> targets.containsKey(r.number)).toList();
        List<ImportRow> inserts =
                valid.stream().filter(r -> !targets.containsKey(r.number)).toList();
        int created = inserts.size();
        if (dryRun || valid.isEmpty()) {
            return Uni.createFrom().item(created);
        }
        Map<Integer, String> ids = new HashMap<>(targets);
        inserts.forEach(r -> ids.put(r.number, Ids.next("con")));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> names = valid.stream().flatMap(r -> r.tags.stream()).toList();
        // The tags first (created when missing, locked): a merged contact gets them in its one new row
        // version, whose search text the update trigger recomputes; a new contact is inserted with them
        // and with its search text, written here as the insert trigger would (see V8 and V11).
        return TagNames.ids(connection, tenantId, "import", names)
                .flatMap(tagIds -> {
                    Uni<Void> written = Uni.createFrom().voidItem();
                    if (!updates.isEmpty()) {
                        written = ContactBatchRepository.apply(
                                        connection,
                                        tenantId,
                                        updates.stream()
                                                .map(r -> new ContactBatchRepository.Change(
                                                        ids.get(r.number),
                                                        r.setJson,
                                                        r.clearedJson,
                                                        r.columnsJson,
                                                        null,
                                                        r.tags.isEmpty() ? null : tagArray(r, tagIds)))
                                                .toList(),
                                        now.toInstant())
                                .replaceWithVoid();
                    }
                    if (!inserts.isEmpty()) {
                        written = written.flatMap(x -> connection
                                        .preparedQuery(INSERT)
                                        .execute(Tuple.wrap(new ArrayList<>(List.of(
                                                tenantId,
                                                now,
                                                inserts.stream()
                                                        .map(r -> ids.get(r.number))
                                                        .toArray(String[]::new),
                                                inserts.stream()
                                                        .map(r -> r.setJson)
                                                        .toArray(String[]::new),
                                                inserts.stream()
                                                        .map(r -> r.columnsJson)
                                                        .toArray(String[]::new),
                                                inserts.stream()
                                                        .map(r -> tagNames(r, tagIds))
                                                        .toArray(String[]::new),
                                                inserts.stream()
                                                        .map(r -> tagArray(r, tagIds))
                                                        .toArray(String[]::new))))))
                                .replaceWithVoid();
                    }
                    return written;
                })
                .replaceWith(created);
    }

    /** The ids of the row's tags as an array literal; a tag deleted since it was named is left out. */
    private static String tagArray(ImportRow row, Map<String, String> tagIds) {
        return ContactBatchRepository.tagArray(TagNames.idsOf(row.tags, tagIds));
    }

    /** The names of the row's tags, for its search text; null when it has none. */
    private static String tagNames(ImportRow row, Map<String, String> tagIds) {
        List<String> names = row.tags.stream()
                .filter(name -> tagIds.containsKey(name.toLowerCase(Locale.ROOT)))
                .toList();
        return names.isEmpty() ? null : String.join(" ", names);
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
