package com.contactproperties.contact;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;

/**
 * Finds many live contacts at once by id, email or username (the last two compared lower-cased), for
 * the set-based writes: bulk updates, CSV imports.
 *
 * <p>Each key is looked up on its own through its unique index (a lateral sub-query with {@code
 * limit 1}, which the planner can neither flatten nor turn into a hash join), so the plan is one
 * index probe per key whatever the statistics say. Statistics lag behind a growing table: during
 * the first import into a fresh database PostgreSQL believed the tenant had one row, and both
 * {@code lower(email) = any($2)} and a plain join to the unnested keys read the tenant's whole
 * index instead, 36 ms rather than 1.5 ms for 500 keys among 100,000 contacts, growing with the table.
 */
public final class ContactLookup {

    private static final String SQL = """
      select c.id, lower(c.email), lower(c.username) from unnest($2::text[]) k(v) cross join lateral (
        select id, email, username from contacts where tenant_id = $1 and id = k.v and deleted_at is null limit 1) c
      union
      select c.id, lower(c.email), lower(c.username) from unnest($3::text[]) k(v) cross join lateral (
        select id, email, username from contacts where tenant_id = $1 and email is not null and lower(email) = k.v
           and deleted_at is null limit 1) c
      union
      select c.id, lower(c.email), lower(c.username) from unnest($4::text[]) k(v) cross join lateral (
        select id, email, username from contacts where tenant_id = $1 and username is not null and lower(username) = k.v
           and deleted_at is null limit 1) c""";

    private ContactLookup() {}

    /**
     * The live contacts of the tenant with any of the ids, or any of the lower-cased emails or
     * usernames: rows of (id, lower(email), lower(username)), one per contact.
     */
    public static Uni<RowSet<Row>> live(
            SqlClient sql,
            String tenantId,
            Collection<String> ids,
            Collection<String> lowerEmails,
            Collection<String> lowerUsernames) {
        return sql.preparedQuery(SQL)
                .execute(Tuple.of(
                        tenantId,
                        ids.toArray(String[]::new),
                        lowerEmails.toArray(String[]::new),
                        lowerUsernames.toArray(String[]::new)));
    }
}
