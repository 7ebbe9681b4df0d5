package com.contactproperties.tag;

import com.contactproperties.platform.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tags named rather than identified (CSV imports, customer upserts): created when missing, then attached. */
public final class TagNames {

  private TagNames() {}

  /**
   * Attaches to each contact of {@code contactIds} the tag named at the same position of
   * {@code names}, creating the tenant's missing tags first (names match ignoring case; a new tag
   * keeps the first spelling given). Two statements, whatever the number of tags.
   */
  public static Uni<Void> attach(SqlClient tx, String tenantId, String createdBy, List<String> contactIds, List<String> names) {
    if (names.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Map<String, String> spelling = new HashMap<>();
    names.forEach(n -> spelling.putIfAbsent(n.toLowerCase(Locale.ROOT), n));
    String[] distinct = spelling.values().toArray(String[]::new);
    return tx.preparedQuery("insert into tags (tenant_id, id, name, created_at, created_by)"
            + " select $1, u.id, u.name, now(), $2 from unnest($3::text[], $4::text[]) as u(id, name) on conflict do nothing")
        .execute(Tuple.of(tenantId, createdBy, Arrays.stream(distinct).map(n -> Ids.next("tag")).toArray(String[]::new),
            distinct))
        // Each named tag locked once against its deletion while linked (contact_tags has no foreign key; see V10).
        .flatMap(x -> tx.preparedQuery("""
                with named as (select t.id, lower(t.name) as name from tags t
                                where t.tenant_id = $1 and lower(t.name) = any(array(select lower(d) from unnest($4::text[]) d))
                                for key share)
                insert into contact_tags (tenant_id, contact_id, tag_id)
                select $1, u.contact_id, n.id from unnest($2::text[], $3::text[]) as u(contact_id, name)
                  join named n on n.name = lower(u.name)
                on conflict do nothing""")
            .execute(Tuple.of(tenantId, contactIds.toArray(String[]::new), names.toArray(String[]::new), distinct)))
        .replaceWithVoid();
  }
}
