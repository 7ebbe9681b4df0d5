package com.contactproperties.contact;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What PostgreSQL's own statistics of the contacts say about the cost of a search, read again at
 * most every five minutes; a stale answer only costs speed.
 *
 * <p>A search reads the posting lists of the trigram index's keys, and a key that most contacts
 * hold narrows nothing while its list is long:
 * <ul>
 *   <li>the tenants that hold half of all contacts or more (statistics of {@code contacts.tenant_id}):
 *       a search answered without the tenant's key ran 30 to 45% faster on a tenant with 90% of a
 *       million contacts, where in a tenant with 1% it ran five times slower;</li>
 *   <li>the trigrams of the search text that at least 5% of contacts hold (V13): PostgreSQL checks
 *       every trigram of a term for each row its rarest trigram finds, so a term such as
 *       {@code user654321@}, whose {@code use} and {@code ser} every contact holds, read 780 index
 *       pages where {@code 654321@} read 27 ({@link ContactQuery} leads with the rarer part).</li>
 * </ul>
 */
@ApplicationScoped
class SearchStatistics {

    static final double LARGE_TENANT_SHARE = 0.5;
    static final double COMMON_TRIGRAM_SHARE = 0.05;
    private static final long REFRESH = Duration.ofMinutes(5).toNanos();

    private final Pool pool;
    private final AtomicLong due = new AtomicLong(System.nanoTime());
    private volatile Set<String> largeTenants = Set.of();
    private volatile Set<String> commonTrigrams = Set.of();

    SearchStatistics(Pool pool) {
        this.pool = pool;
    }

    /** What the statistics say about a search in the tenant's contacts. */
    ContactQuery.Statistics of(String tenantId) {
        refreshIfDue();
        return new ContactQuery.Statistics(largeTenants.contains(tenantId), commonTrigrams);
    }

    private void refreshIfDue() {
        long next = due.get();
        long now = System.nanoTime();
        if (now - next >= 0 && due.compareAndSet(next, now + REFRESH)) {
            largeTenants(pool, LARGE_TENANT_SHARE)
                    .subscribe()
                    .with(
                            tenants -> largeTenants = tenants,
                            failure -> Log.warn("Could not read the statistics of contacts.tenant_id", failure));
            commonTrigrams(pool, COMMON_TRIGRAM_SHARE)
                    .subscribe()
                    .with(
                            trigrams -> commonTrigrams = trigrams,
                            failure -> Log.warn(
                                    "Could not read the statistics of the contacts' search trigrams", failure));
        }
    }

    /** The tenants whose share of the contacts is at least {@code share}, per the last ANALYZE. */
    static Uni<Set<String>> largeTenants(SqlClient sql, double share) {
        return strings(sql, """
        select u.tenant_id from pg_stats s, unnest(s.most_common_vals::text::text[], s.most_common_freqs) as u(tenant_id, share)
         where s.schemaname = current_schema() and s.tablename = 'contacts' and s.attname = 'tenant_id' and u.share >= $1""", share);
    }

    /** The search-text trigrams at least {@code share} of the contacts hold, per the last ANALYZE. */
    static Uni<Set<String>> commonTrigrams(SqlClient sql, double share) {
        // The element frequencies carry three more numbers after one per element, which unnest pairs with nothing.
        return strings(sql, """
        select u.trigram from pg_stats_ext_exprs s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as u(trigram, share)
         where s.schemaname = current_schema() and s.statistics_name = 'contacts_search_trigrams' and u.trigram is not null
           and u.share >= $1""", share);
    }

    private static Uni<Set<String>> strings(SqlClient sql, String statement, double share) {
        return sql.preparedQuery(statement).execute(Tuple.of(share)).map(rows -> {
            Set<String> values = new HashSet<>();
            rows.forEach(row -> values.add(row.getString(0)));
            return Set.copyOf(values);
        });
    }
}
