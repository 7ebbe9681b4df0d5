package com.contactproperties.bulk;

import com.contactproperties.platform.db.Constraints;
import com.contactproperties.platform.json.Json;
import com.contactproperties.task.TaskHandler;
import com.contactproperties.task.TaskType;
import com.contactproperties.task.TaskView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a chunk of bulk-update entries with one set-based statement. Entries for the same contact
 * are folded in request order first; a unique-email clash falls back to one savepoint per contact so
 * that only the clashing entries fail.
 */
@ApplicationScoped
class BulkUpdateHandler implements TaskHandler {

  private static final String APPLY = """
      update contacts c set
        custom_fields = (c.custom_fields || (u.setv)::jsonb) - array(select jsonb_array_elements_text((u.cleared)::jsonb)),
        name = case when (u.cols)::jsonb ? 'name' then coalesce((u.cols)::jsonb ->> 'name', '') else c.name end,
        email = case when (u.cols)::jsonb ? 'email' then (u.cols)::jsonb ->> 'email' else c.email end,
        phone = case when (u.cols)::jsonb ? 'phone' then (u.cols)::jsonb ->> 'phone' else c.phone end,
        language = case when (u.cols)::jsonb ? 'language' then (u.cols)::jsonb ->> 'language' else c.language end,
        status_override = case when (u.cols)::jsonb ? 'status_override' then (u.cols)::jsonb ->> 'status_override'
                               else c.status_override end,
        folder_ids = case when u.folders is null then c.folder_ids
                          else array(select jsonb_array_elements_text((u.folders)::jsonb)::bigint) end,
        updated_at = $2
      from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as u(id, setv, cleared, cols, folders)
      where c.tenant_id = $1 and c.id = u.id and c.deleted_at is null
      returning c.id""";

  @Override
  public TaskType type() {
    return TaskType.BULK_UPDATE;
  }

  @Override
  public Uni<Chunk> processChunk(SqlConnection connection, ClaimedTask task, int chunkSize) {
    int from = task.cursor().isEmpty() ? 0 : Integer.parseInt(task.cursor());
    return connection.preparedQuery("select payload::text from task_items where tenant_id = $1 and task_id = $2"
            + " and position >= $3 order by position limit $4")
        .execute(Tuple.of(task.tenantId(), task.id(), from, chunkSize))
        .flatMap(rows -> {
          List<BulkItem> items = new ArrayList<>();
          rows.forEach(row -> items.add(Json.read(row.getString(0), BulkItem.class)));
          Map<String, BulkItem> merged = fold(items);
          return applyAll(connection, task.tenantId(), merged).map(failures -> chunk(from, items, failures, chunkSize));
        });
  }

  /** Contact id to the one update that stands for all its entries of this chunk, in request order. */
  private static Map<String, BulkItem> fold(List<BulkItem> items) {
    Map<String, BulkItem> merged = new LinkedHashMap<>();
    items.forEach(item -> merged.merge(item.contactId(), item, BulkItem::then));
    return merged;
  }

  /** Applies every update; answers the failure message of each contact that was not updated. */
  private Uni<Map<String, String>> applyAll(SqlConnection connection, String tenantId, Map<String, BulkItem> updates) {
    return connection.query("savepoint bulk_chunk").execute()
        .flatMap(ignored -> apply(connection, tenantId, List.copyOf(updates.values())))
        .map(updated -> missing(updates.keySet(), updated))
        .onFailure(Constraints::isUniqueViolation).recoverWithUni(clash -> connection.query("rollback to savepoint bulk_chunk")
            .execute().flatMap(ignored -> oneByOne(connection, tenantId, List.copyOf(updates.values()), 0, new LinkedHashMap<>())));
  }

  private Uni<Map<String, String>> oneByOne(SqlConnection connection, String tenantId, List<BulkItem> updates, int at,
      Map<String, String> failures) {
    if (at == updates.size()) {
      return Uni.createFrom().item(failures);
    }
    BulkItem update = updates.get(at);
    return connection.query("savepoint bulk_item").execute()
        .flatMap(ignored -> apply(connection, tenantId, List.of(update)))
        .invoke(updated -> failures.putAll(missing(Set.of(update.contactId()), updated)))
        .replaceWithVoid()
        .onFailure(Constraints::isUniqueViolation).recoverWithUni(clash -> connection.query("rollback to savepoint bulk_item")
            .execute().invoke(ignored -> failures.put(update.contactId(), "Another live contact already has this email"))
            .replaceWithVoid())
        .flatMap(ignored -> oneByOne(connection, tenantId, updates, at + 1, failures));
  }

  private static Uni<Set<String>> apply(SqlConnection connection, String tenantId, List<BulkItem> updates) {
    List<Object> parameters = new ArrayList<>(List.of(tenantId, OffsetDateTime.now(ZoneOffset.UTC)));
    parameters.add(updates.stream().map(BulkItem::contactId).toArray(String[]::new));
    parameters.add(updates.stream().map(u -> u.set().toString()).toArray(String[]::new));
    parameters.add(updates.stream().map(u -> Json.write(u.cleared())).toArray(String[]::new));
    parameters.add(updates.stream().map(u -> Json.write(u.columns())).toArray(String[]::new));
    parameters.add(updates.stream().map(u -> u.folderIds() == null ? null : Json.write(u.folderIds())).toArray(String[]::new));
    return connection.preparedQuery(APPLY).execute(Tuple.wrap(parameters)).map(rows -> {
      Set<String> updated = new HashSet<>();
      rows.forEach(row -> updated.add(row.getString(0)));
      return updated;
    });
  }

  private static Map<String, String> missing(Set<String> wanted, Set<String> updated) {
    Map<String, String> failures = new LinkedHashMap<>();
    wanted.stream().filter(id -> !updated.contains(id)).forEach(id -> failures.put(id, "The contact no longer exists"));
    return failures;
  }

  private static Chunk chunk(int from, List<BulkItem> items, Map<String, String> failures, int chunkSize) {
    List<TaskView.TaskError> errors = new ArrayList<>();
    int failed = 0;
    for (BulkItem item : items) {
      String failure = failures.get(item.contactId());
      if (failure != null) {
        failed++;
        errors.add(new TaskView.TaskError(item.index(), item.identifier(), failure));
      }
    }
    return new Chunk(String.valueOf(from + items.size()), items.size(), items.size() - failed, failed, errors, items.size() < chunkSize);
  }
}
