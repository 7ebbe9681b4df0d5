package com.contactproperties.tag;

import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A contact's tags are an array of ids with no foreign key to tags (V11): the statements that link
 * tags lock them, and deleting a tag removes it from every contact. A deletion racing a link
 * leaves no contact with a missing tag.
 */
@QuarkusTest
class TagLinksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    Database database;

    private final String tenant = newTenant();

    @Test
    void aTagDeletedWhileBeingLinkedLosesTheLinkWhenItsDeletionCompletes() {
        database.execute(
                "insert into tags (tenant_id, id, name, created_at, created_by) values ($1, 'tag_vip', 'VIP', now(), 'usr')",
                tenant);
        database.insertContact(tenant, "con_a", "{}");
        SqlConnection linking = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction tx = linking.begin().await().atMost(WAIT);
            TagNames.attach(linking, tenant, "usr", List.of("con_a"), List.of("vip"))
                    .await()
                    .atMost(WAIT);

            CompletableFuture<Integer> deletion = pool.preparedQuery(
                            "delete from tags where tenant_id = $1 and id = 'tag_vip'")
                    .execute(Tuple.of(tenant))
                    .map(rows -> rows.rowCount())
                    .subscribeAsCompletionStage();
            awaitADeletionWaitingForALock();
            assertFalse(deletion.isDone(), "the deletion waits for the link's transaction");

            tx.commit().await().atMost(WAIT);
            assertEquals(1, deletion.join());
        } finally {
            linking.close().await().atMost(WAIT);
        }
        assertEquals(0, count("select count(*) from contacts where tenant_id = $1 and tag_ids <> '{}'", tenant));
        assertEquals(0, count("select count(*) from tags where tenant_id = $1", tenant));
    }

    @Test
    void deletingATagRemovesItFromEveryContactAndItsSearchText() {
        database.execute(
                "insert into tags (tenant_id, id, name, created_at, created_by) values ($1, 'tag_vip', 'VIP', now(), 'usr')",
                tenant);
        database.insertContact(tenant, "con_a", "{}");
        database.insertContact(tenant, "con_b", "{}");
        pool.withTransaction(c -> TagNames.attach(c, tenant, "usr", List.of("con_a", "con_b"), List.of("VIP", "vip")))
                .await()
                .atMost(WAIT);
        assertEquals(2, count("select count(*) from contacts where tenant_id = $1 and tag_ids = '{tag_vip}'", tenant));
        assertEquals(
                2, count("select count(*) from contacts where tenant_id = $1 and search_text like '%vip%'", tenant));

        database.execute("delete from tags where tenant_id = $1 and id = 'tag_vip'", tenant);
        assertEquals(0, count("select count(*) from contacts where tenant_id = $1 and tag_ids <> '{}'", tenant));
        assertEquals(
                0, count("select count(*) from contacts where tenant_id = $1 and search_text like '%vip%'", tenant));
    }

    private void awaitADeletionWaitingForALock() {
        for (int i = 0; i < 300; i++) {
            if (count(
                            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'delete from tags%'")
                    > 0) {
                return;
            }
            pool.query("select pg_sleep(0.01)").execute().await().atMost(WAIT);
        }
        throw new AssertionError("the deletion never waited for the tag's lock");
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(parameters))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }
}
