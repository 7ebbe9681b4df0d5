package com.contactproperties.folder;

import com.contactproperties.event.EventLog;
import com.contactproperties.event.EventOrigin;
import com.contactproperties.platform.db.Constraints;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Folders of a tenant (seed 001 names them by numeric id): list, create, delete. */
@ApplicationScoped
public class FolderService {

    /** A folder as every surface shows it. */
    public record Folder(long id, String name, Instant createdAt) {}

    /** A folder with its number of contacts. */
    public record Counted(Folder folder, long contactCount) {}

    private final Pool pool;
    private final FolderRepository folders;
    private final EventLog events;

    FolderService(Pool pool, FolderRepository folders, EventLog events) {
        this.pool = pool;
        this.folders = folders;
        this.events = events;
    }

    public Uni<List<Folder>> list(Caller caller) {
        return folders.list(pool, caller.tenantId());
    }

    /** Creates a folder; names are 1 to 100 characters and unique per tenant ignoring case. */
    public Uni<Folder> create(Caller caller, String requested) {
        return Uni.createFrom()
                .item(() -> name(requested))
                .flatMap(name -> folders.insert(pool, caller.tenantId(), name, Instant.now(), caller.userId())
                        .onFailure(Constraints::isUniqueViolation)
                        .transform(e -> duplicate(name)));
    }

    /** One folder and how many live, unarchived contacts it holds (what {@code GET /v1/contacts?folderIds=} lists). */
    public Uni<Counted> get(Caller caller, long id) {
        return folders.findCounted(pool, caller.tenantId(), id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** Renames a folder; the new name follows the rules of creation (409 when another folder has it, ignoring case). */
    public Uni<Folder> rename(Caller caller, long id, String requested) {
        return Uni.createFrom()
                .item(() -> name(requested))
                .flatMap(name -> folders.rename(pool, caller.tenantId(), id, name)
                        .map(found -> found.orElseThrow(() -> notFound(id)))
                        .onFailure(Constraints::isUniqueViolation)
                        .transform(e -> duplicate(name)));
    }

    /** Deletes a folder and removes it from every contact, in one transaction (each contact's change announced). */
    public Uni<Void> delete(Caller caller, long id) {
        return pool.withTransaction(c -> events.declare(c, EventOrigin.of(caller))
                .flatMap(declared -> folders.delete(c, caller.tenantId(), id))
                .flatMap(deleted -> deleted
                        ? folders.removeFromContacts(c, caller.tenantId(), id)
                        : Uni.createFrom().failure(notFound(id))));
    }

    /** The ids among {@code ids} that are not folders of the tenant. */
    public Uni<List<Long>> unknown(SqlClient sql, String tenantId, List<Long> ids) {
        Long[] wanted = ids.stream().distinct().toArray(Long[]::new);
        return folders.known(sql, tenantId, wanted)
                .map(known -> ids.stream()
                        .filter(id -> !known.contains(id))
                        .distinct()
                        .toList());
    }

    private static String name(String requested) {
        String name = requested == null ? "" : requested.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new DomainException.Invalid("folder.name", "must be 1 to 100 characters");
        }
        return name;
    }

    private static DomainException notFound(long id) {
        return new DomainException.NotFound("Folder", String.valueOf(id));
    }

    private static DomainException duplicate(String name) {
        return new DomainException.Conflict(
                "folder.name", "A folder named '" + name + "' already exists (names ignore case)");
    }
}
