package com.contactproperties.folder;

import com.contactproperties.platform.db.Constraints;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Folders of a tenant (seed 001 names them by numeric id): list, create, delete. */
@ApplicationScoped
public class FolderService {

  /** A folder as every surface shows it. */
  public record Folder(long id, String name, Instant createdAt) {}

  private final Pool pool;

  FolderService(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<Folder>> list(Caller caller) {
    return pool.preparedQuery("select id, name, created_at from folders where tenant_id = $1 order by lower(name), id")
        .execute(Tuple.of(caller.tenantId()))
        .map(rows -> {
          List<Folder> folders = new ArrayList<>();
          rows.forEach(row -> folders.add(folder(row)));
          return folders;
        });
  }

  /** Creates a folder; names are 1 to 100 characters and unique per tenant ignoring case. */
  public Uni<Folder> create(Caller caller, String requested) {
    String name = requested == null ? "" : requested.strip();
    if (name.isEmpty() || name.length() > 100) {
      return Uni.createFrom().failure(new DomainException.Invalid("folder.name", "must be 1 to 100 characters"));
    }
    return pool.preparedQuery("insert into folders (tenant_id, name, created_at, created_by) values ($1, $2, $3, $4)"
            + " returning id, name, created_at")
        .execute(Tuple.of(caller.tenantId(), name, Instant.now().atOffset(ZoneOffset.UTC), caller.userId()))
        .map(rows -> folder(rows.iterator().next()))
        .onFailure(Constraints::isUniqueViolation)
        .transform(e -> new DomainException.Conflict("folder.name", "A folder named '" + name + "' already exists"));
  }

  /** Deletes a folder and removes it from every contact, in one transaction. */
  public Uni<Void> delete(Caller caller, long id) {
    return pool.withTransaction(c -> c.preparedQuery("delete from folders where tenant_id = $1 and id = $2")
        .execute(Tuple.of(caller.tenantId(), id))
        .flatMap(rows -> rows.rowCount() == 0
            ? Uni.createFrom().failure(new DomainException.NotFound("Folder", String.valueOf(id)))
            : c.preparedQuery("update contacts set folder_ids = array_remove(folder_ids, $2), updated_at = now()"
                    + " where tenant_id = $1 and folder_ids @> array[$2::bigint]")
                .execute(Tuple.of(caller.tenantId(), id)).replaceWithVoid()));
  }

  /** The ids among {@code ids} that are not folders of the tenant. */
  public Uni<List<Long>> unknown(SqlClient sql, String tenantId, List<Long> ids) {
    Long[] wanted = ids.stream().distinct().toArray(Long[]::new);
    return sql.preparedQuery("select id from folders where tenant_id = $1 and id = any($2)").execute(Tuple.of(tenantId, wanted))
        .map(rows -> {
          List<Long> known = new ArrayList<>();
          rows.forEach(row -> known.add(row.getLong(0)));
          return ids.stream().filter(id -> !known.contains(id)).distinct().toList();
        });
  }

  private static Folder folder(Row row) {
    return new Folder(row.getLong("id"), row.getString("name"), row.getOffsetDateTime("created_at").toInstant());
  }
}
