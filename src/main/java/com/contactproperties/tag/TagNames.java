package com.contactproperties.tag;

import com.contactproperties.contact.ContactBatchRepository;
import com.contactproperties.platform.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Tags named rather than identified (CSV imports, customer upserts): created when missing, then attached. */
public final class TagNames {

    private TagNames() {}

    /**
     * The ids of the tenant's tags with these names (matched ignoring case), keyed by the lower-cased
     * name, creating the missing ones first (a new tag keeps the first spelling given). The tags stay
     * locked against their deletion until the caller's transaction ends (see V11). Two statements,
     * whatever the number of names; new tags are inserted in the order of their names, so that two
     * transactions creating the same tags never wait for each other in a cycle.
     */
    public static Uni<Map<String, String>> ids(
            SqlClient tx, String tenantId, String createdBy, Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, String> spelling = new TreeMap<>();
        names.forEach(n -> spelling.putIfAbsent(n.toLowerCase(Locale.ROOT), n));
        String[] distinct = spelling.values().toArray(String[]::new);
        return tx.preparedQuery(
                        "insert into tags (tenant_id, id, name, created_at, created_by)"
                                + " select $1, u.id, u.name, now(), $2 from unnest($3::text[], $4::text[]) as u(id, name) on conflict do nothing")
                .execute(Tuple.of(
                        tenantId,
                        createdBy,
                        Arrays.stream(distinct).map(n -> Ids.next("tag")).toArray(String[]::new),
                        distinct))
                .flatMap(x -> tx.preparedQuery(
                                "select id, lower(name) from tags where tenant_id = $1"
                                        + " and lower(name) = any(array(select lower(d) from unnest($2::text[]) d)) for key share")
                        .execute(Tuple.of(tenantId, distinct)))
                .map(rows -> {
                    Map<String, String> ids = new HashMap<>();
                    rows.forEach(row -> ids.put(row.getString(1), row.getString(0)));
                    return ids;
                });
    }

    /** The names of the tenant's tags with these ids, in name order (ids of deleted tags are skipped). */
    public static Uni<List<String>> names(SqlClient sql, String tenantId, Collection<String> tagIds) {
        if (tagIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sql.preparedQuery("select name from tags where tenant_id = $1 and id = any($2) order by lower(name)")
                .execute(Tuple.of(tenantId, tagIds.toArray(String[]::new)))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(row -> names.add(row.getString(0)));
                    return names;
                });
    }

    /**
     * Attaches to each contact of {@code contactIds} the tag named at the same position of
     * {@code names}, creating the tenant's missing tags first. Three statements, whatever the number
     * of tags and contacts.
     */
    public static Uni<Void> attach(
            SqlClient tx, String tenantId, String createdBy, List<String> contactIds, List<String> names) {
        return ids(tx, tenantId, createdBy, names).flatMap(ids -> {
            Map<String, List<String>> named = new HashMap<>();
            for (int i = 0; i < contactIds.size(); i++) {
                named.computeIfAbsent(contactIds.get(i), c -> new ArrayList<>()).add(names.get(i));
            }
            Map<String, Set<String>> byContact = new HashMap<>();
            named.forEach((contactId, tagNames) -> byContact.put(contactId, idsOf(tagNames, ids)));
            return ContactBatchRepository.addTags(tx, tenantId, byContact);
        });
    }

    /** The ids, among {@code ids} (from {@link #ids}), of the tags named; a tag deleted since it was named is left out. */
    public static Set<String> idsOf(Collection<String> names, Map<String, String> ids) {
        Set<String> found = new HashSet<>();
        names.forEach(name -> {
            String id = ids.get(name.toLowerCase(Locale.ROOT));
            if (id != null) {
                found.add(id);
            }
        });
        return found;
    }
}
