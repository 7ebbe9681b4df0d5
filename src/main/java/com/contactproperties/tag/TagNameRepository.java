package com.contactproperties.tag;

import com.contactproperties.platform.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tags found by name, set-based, in the caller's transaction (for imports and customer upserts). */
final class TagNameRepository {

    private TagNameRepository() {}

    /** Inserts the tags of these names that the tenant lacks, in the order given; existing names are skipped. */
    static Uni<Void> insertMissing(SqlClient tx, String tenantId, String createdBy, String[] names) {
        return tx.preparedQuery("insert into tags (tenant_id, id, name, created_at, created_by)"
                        + " select $1, u.id, u.name, now(), $2 from unnest($3::text[], $4::text[]) as u(id, name)"
                        + " on conflict do nothing")
                .execute(Tuple.of(
                        tenantId,
                        createdBy,
                        Arrays.stream(names).map(n -> Ids.next("tag")).toArray(String[]::new),
                        names))
                .replaceWithVoid();
    }

    /**
     * The ids of the tenant's tags with these names (ignoring case), keyed by lower-cased name, locked
     * against their deletion until the transaction ends (see V11).
     */
    static Uni<Map<String, String>> lockIds(SqlClient tx, String tenantId, String[] names) {
        return tx.preparedQuery("select id, lower(name) from tags where tenant_id = $1"
                        + " and lower(name) = any(array(select lower(d) from unnest($2::text[]) d)) for key share")
                .execute(Tuple.of(tenantId, names))
                .map(rows -> {
                    Map<String, String> ids = new HashMap<>();
                    rows.forEach(row -> ids.put(row.getString(1), row.getString(0)));
                    return ids;
                });
    }

    /** The names of the tenant's tags with these ids, in name order (ids of deleted tags are skipped). */
    static Uni<List<String>> names(SqlClient sql, String tenantId, Collection<String> tagIds) {
        return sql.preparedQuery("select name from tags where tenant_id = $1 and id = any($2) order by lower(name)")
                .execute(Tuple.of(tenantId, tagIds.toArray(String[]::new)))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(row -> names.add(row.getString(0)));
                    return names;
                });
    }
}
