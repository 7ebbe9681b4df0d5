package com.contactproperties.contact;

import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What PostgreSQL's own statistics of the contacts say about the cost of a search, read again at
 * most every five minutes; a stale answer only costs speed.
 *
 * <p>A search reads the posting lists of the trigram index's keys, and a key that most contacts
 * hold narrows nothing while its list is long: the key of a tenant that holds half of all contacts
 * or more, and the trigrams of the search text that many contacts hold (V13), which
 * {@link ContactSearchRepository} reads after a rarer part of the term (figures in bench/RESULTS.md).
 */
@ApplicationScoped
class SearchStatistics {

    static final double LARGE_TENANT_SHARE = 0.5;
    static final double COMMON_TRIGRAM_SHARE = 0.05;
    private static final long REFRESH = Duration.ofMinutes(5).toNanos();

    private final Pool pool;
    private final ContactSearchRepository search;
    private final AtomicLong due = new AtomicLong(System.nanoTime());
    private volatile Set<String> largeTenants = Set.of();
    private volatile Set<String> commonTrigrams = Set.of();

    SearchStatistics(Pool pool, ContactSearchRepository search) {
        this.pool = pool;
        this.search = search;
    }

    /** What the statistics say about a search in the tenant's contacts. */
    ContactSearchRepository.Statistics of(String tenantId) {
        refreshIfDue();
        return new ContactSearchRepository.Statistics(largeTenants.contains(tenantId), commonTrigrams);
    }

    private void refreshIfDue() {
        long next = due.get();
        long now = System.nanoTime();
        if (now - next >= 0 && due.compareAndSet(next, now + REFRESH)) {
            search.largeTenants(pool, LARGE_TENANT_SHARE)
                    .subscribe()
                    .with(
                            tenants -> largeTenants = tenants,
                            failure -> Log.warn("Could not read the statistics of contacts.tenant_id", failure));
            search.commonTrigrams(pool, COMMON_TRIGRAM_SHARE)
                    .subscribe()
                    .with(
                            trigrams -> commonTrigrams = trigrams,
                            failure -> Log.warn(
                                    "Could not read the statistics of the contacts' search trigrams", failure));
        }
    }
}
