package com.contactproperties.folder;

import com.contactproperties.folder.FolderService.Counted;
import com.contactproperties.folder.FolderService.Folder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Folder rows of one tenant at a time, and the folder ids contacts hold; every statement names the tenant. */
@ApplicationScoped
class FolderRepository {

    private static final String COLUMNS = "id, name, created_at";

    Uni<List<Folder>> list(SqlClient sql, String tenantId) {
        return sql.preparedQuery("select " + COLUMNS + " from folders where tenant_id = $1 order by lower(name), id")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    List<Folder> folders = new ArrayList<>();
                    rows.forEach(row -> folders.add(folder(row)));
                    return folders;
                });
    }

    /** Inserts a folder; a name the tenant has, ignoring case, fails on the unique index. */
    Uni<Folder> insert(SqlClient sql, String tenantId, String name, Instant now, String createdBy) {
        return sql.preparedQuery("insert into folders (tenant_id, name, created_at, created_by) values ($1, $2, $3, $4)"
                        + " returning " + COLUMNS)
                .execute(Tuple.of(tenantId, name, now.atOffset(ZoneOffset.UTC), createdBy))
                .map(rows -> folder(rows.iterator().next()));
    }

    /** The folder and how many live, unarchived contacts it holds. */
    Uni<Optional<Counted>> findCounted(SqlClient sql, String tenantId, long id) {
        return sql.preparedQuery("""
            select f.id, f.name, f.created_at,
                   (select count(*) from contacts c where c.tenant_id = f.tenant_id and c.folder_ids @> array[f.id]
                       and c.deleted_at is null and c.archived_at is null) as contacts
              from folders f where f.tenant_id = $1 and f.id = $2""")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(counted(rows.iterator().next())));
    }

    Uni<Optional<Folder>> rename(SqlClient sql, String tenantId, long id, String name) {
        return sql.preparedQuery("update folders set name = $3 where tenant_id = $1 and id = $2 returning " + COLUMNS)
                .execute(Tuple.of(tenantId, id, name))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(folder(rows.iterator().next())));
    }

    /** Deletes the folder; answers whether it existed. */
    Uni<Boolean> delete(SqlClient sql, String tenantId, long id) {
        return sql.preparedQuery("delete from folders where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Removes the folder from every contact of the tenant that is in it. */
    Uni<Void> removeFromContacts(SqlClient sql, String tenantId, long id) {
        return sql.preparedQuery("update contacts set folder_ids = array_remove(folder_ids, $2), updated_at = now()"
                        + " where tenant_id = $1 and folder_ids @> array[$2::bigint]")
                .execute(Tuple.of(tenantId, id))
                .replaceWithVoid();
    }

    /** The ids among {@code ids} that are folders of the tenant. */
    Uni<List<Long>> known(SqlClient sql, String tenantId, Long[] ids) {
        return sql.preparedQuery("select id from folders where tenant_id = $1 and id = any($2)")
                .execute(Tuple.of(tenantId, ids))
                .map(rows -> {
                    List<Long> known = new ArrayList<>();
                    rows.forEach(row -> known.add(row.getLong(0)));
                    return known;
                });
    }

    private static Counted counted(Row row) {
        return new Counted(folder(row), row.getLong("contacts"));
    }

    private static Folder folder(Row row) {
        return new Folder(
                row.getLong("id"),
                row.getString("name"),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
