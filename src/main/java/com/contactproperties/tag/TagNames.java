package com.contactproperties.tag;

import com.contactproperties.platform.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

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
  public static Uni<Map<String, String>> ids(SqlClient tx, String tenantId, String createdBy, Collection<String> names) {
    if (names.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    Map<String, String> spelling = new TreeMap<>();
    names.forEach(n -> spelling.putIfAbsent(n.toLowerCase(Locale.ROOT), n));
    String[] distinct = spelling.values().toArray(String[]::new);
    return tx.preparedQuery("insert into tags (tenant_id, id, name, created_at, created_by)"
            + " select $1, u.id, u.name, now(), $2 from unnest($3::text[], $4::text[]) as u(id, name) on conflict do nothing")
        .execute(Tuple.of(tenantId, createdBy, Arrays.stream(distinct).map(n -> Ids.next("tag")).toArray(String[]::new), distinct))
        .flatMap(x -> tx.preparedQuery("select id, lower(name) from tags where tenant_id = $1"
                + " and lower(name) = any(array(select lower(d) from unnest($2::text[]) d)) for key share")
            .execute(Tuple.of(tenantId, distinct)))
        .map(rows -> {
          Map<String, String> ids = new HashMap<>();
          rows.forEach(row -> ids.put(row.getString(1), row.getString(0)));
          return ids;
        });
  }

  /**
   * Attaches to each contact of {@code contactIds} the tag named at the same position of
   * {@code names}, creating the tenant's missing tags first. Three statements, whatever the number
   * of tags and contacts.
   */
  public static Uni<Void> attach(SqlClient tx, String tenantId, String createdBy, List<String> contactIds, List<String> names) {
    return ids(tx, tenantId, createdBy, names).flatMap(ids -> {
      Map<String, SortedSet<String>> byContact = new HashMap<>();
      for (int i = 0; i < contactIds.size(); i++) {
        String id = ids.get(names.get(i).toLowerCase(Locale.ROOT));
        if (id != null) {
          byContact.computeIfAbsent(contactIds.get(i), c -> new TreeSet<>()).add(id);
        }
      }
      if (byContact.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      return tx.preparedQuery("""
              update contacts c set tag_ids = array(select distinct x from unnest(c.tag_ids || (u.ids)::text[]) x order by x)
                from unnest($2::text[], $3::text[]) as u(id, ids)
               where c.tenant_id = $1 and c.id = u.id and c.deleted_at is null and not c.tag_ids @> (u.ids)::text[]""")
          .execute(Tuple.of(tenantId, byContact.keySet().toArray(String[]::new),
              byContact.values().stream().map(TagNames::arrayLiteral).toArray(String[]::new)))
          .replaceWithVoid();
    });
  }

  /** A PostgreSQL array literal of sorted tag ids ({@code {tag_1,tag_2}}): tag ids hold no character that needs quoting. */
  public static String arrayLiteral(Collection<String> tagIds) {
    return "{" + String.join(",", tagIds) + "}";
  }
}
