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
        return pool.preparedQuery(
                        "select id, name, created_at from folders where tenant_id = $1 order by lower(name), id")
                .execute(Tuple.of(caller.tenantId()))
                .map(rows -> {
                    List<Folder> folders = new ArrayList<>();
                    rows.forEach(row -> folders.add(folder(row)));
                    return folders;
                });
    }

    /** Creates a folder; names are 1 to 100 characters and unique per tenant ignoring case. */
    public Uni<Folder> create(Caller caller, String requested) {
        return Uni.createFrom()
                .item(() -> name(requested))
                .flatMap(name -> pool.preparedQuery(
                                "insert into folders (tenant_id, name, created_at, created_by) values ($1, $2, $3, $4)"
                                        + " returning id, name, created_at")
                        .execute(Tuple.of(
                                caller.tenantId(), name, Instant.now().atOffset(ZoneOffset.UTC), caller.userId()))
                        .map(rows -> folder(rows.iterator().next()))
                        .onFailure(Constraints::isUniqueViolation)
                        .transform(e -> duplicate(name)));
    }

    /** One folder and how many live, unarchived contacts it holds (what {@code GET /v1/contacts?folderIds=} lists). */
    public Uni<Counted> get(Caller caller, long id) {
        return pool.preparedQuery(
                        "select f.id, f.name, f.created_at, (select count(*) from contacts c where c.tenant_id = f.tenant_id"
                                + " and c.folder_ids @> array[f.id] and c.deleted_at is null and c.archived_at is null) as contacts"
                                + " from folders f where f.tenant_id = $1 and f.id = $2")
                .execute(Tuple.of(caller.tenantId(), id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new DomainException.NotFound("Folder", String.valueOf(id));
                    }
                    Row row = rows.iterator().next();
                    return new Counted(folder(row), row.getLong("contacts"));
                });
    }

    /** Renames a folder; the new name follows the rules of creation (409 when another folder has it, ignoring case). */
    public Uni<Folder> rename(Caller caller, long id, String requested) {
        return Uni.createFrom()
                .item(() -> name(requested))
                .flatMap(name -> pool.preparedQuery(
                                "update folders set name = $3 where tenant_id = $1 and id = $2 returning id, name, created_at")
                        .execute(Tuple.of(caller.tenantId(), id, name))
                        .map(rows -> {
                            if (rows.size() == 0) {
                                throw new DomainException.NotFound("Folder", String.valueOf(id));
                            }
                            return folder(rows.iterator().next());
                        })
                        .onFailure(Constraints::isUniqueViolation)
                        .transform(e -> duplicate(name)));
    }

    /** A folder with its number of contacts. */
    public record Counted(Folder folder, long contactCount) {}

    private static String name(String requested) {
        String name = requested == null ? "" : requested.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new DomainException.Invalid("folder.name", "must be 1 to 100 characters");
        }
        return name;
    }

    private static DomainException duplicate(String name) {
        return new DomainException.Conflict(
                "folder.name", "A folder named '" + name + "' already exists (names ignore case)");
    }

    /** Deletes a folder and removes it from every contact, in one transaction. */
    public Uni<Void> delete(Caller caller, long id) {
        return pool.withTransaction(c -> c.preparedQuery("delete from folders where tenant_id = $1 and id = $2")
                .execute(Tuple.of(caller.tenantId(), id))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().failure(new DomainException.NotFound("Folder", String.valueOf(id)))
                        : c.preparedQuery(
                                        "update contacts set folder_ids = array_remove(folder_ids, $2), updated_at = now()"
                                                + " where tenant_id = $1 and folder_ids @> array[$2::bigint]")
                                .execute(Tuple.of(caller.tenantId(), id))
                                .replaceWithVoid()));
    }

    /** The ids among {@code ids} that are not folders of the tenant. */
    public Uni<List<Long>> unknown(SqlClient sql, String tenantId, List<Long> ids) {
        Long[] wanted = ids.stream().distinct().toArray(Long[]::new);
        return sql.preparedQuery("select id from folders where tenant_id = $1 and id = any($2)")
                .execute(Tuple.of(tenantId, wanted))
                .map(rows -> {
                    List<Long> known = new ArrayList<>();
                    rows.forEach(row -> known.add(row.getLong(0)));
                    return ids.stream()
                            .filter(id -> !known.contains(id))
                            .distinct()
                            .toList();
                });
    }

    private static Folder folder(Row row) {
        return new Folder(
                row.getLong("id"),
                row.getString("name"),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
