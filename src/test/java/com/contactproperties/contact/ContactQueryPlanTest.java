package com.contactproperties.contact;

import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.DefinitionSnapshot;
import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The list's filters are served by indexes: the plans of the generated SQL over a seeded table say so. */
@QuarkusTest
class ContactQueryPlanTest {

    private static final int CONTACTS = 20_000;
    private static final ContactSearchRepository.Statistics LARGE =
            new ContactSearchRepository.Statistics(true, Set.of());

    @Inject
    Database database;

    @Inject
    DefinitionService definitions;

    @Inject
    Pool pool;

    @Inject
    ContactSearchRepository search;

    private final String tenant = newTenant();
    private DefinitionSnapshot known;

    @BeforeEach
    void seed() {
        database.execute("""
        insert into property_definitions (tenant_id, entity_type, key, title, type, choices, created_at, created_by, updated_at)
        values ($1, 'contact', 'plan', 'Plan', 'single_choice', '["Free", "Pro", "Business"]', now(), 'usr', now()),
               ($1, 'contact', 'age', 'Age', 'number', '[]', now(), 'usr', now()),
               ($1, 'contact', 'rare', 'Rare', 'boolean', '[]', now(), 'usr', now())""", tenant);
        database.execute("""
        insert into contacts (tenant_id, id, name, email, custom_fields, created_at, updated_at)
        select $1, 'con_' || lpad(n::text, 26, '0'), 'Person ' || n, 'person' || n || '@example.com',
               jsonb_build_object('plan', (array['Free', 'Pro', 'Business'])[1 + n % 3], 'age', n % 90)
                 || case when n % 500 = 0 then '{"rare": true}'::jsonb else '{}'::jsonb end,
               now() - n * interval '1 minute', now()
          from generate_series(1, $2) n""", tenant, CONTACTS);
        database.execute(
                "insert into tags (tenant_id, id, name, created_at, created_by) values ($1, 'tag_rare', 'Rare', now(), 'usr')",
                tenant);
        database.execute("""
        update contacts set tag_ids = '{tag_rare}'
         where tenant_id = $1 and id in (select 'con_' || lpad(n::text, 26, '0') from generate_series(1, $2, 400) n)""", tenant, CONTACTS);
        database.execute("vacuum analyze contacts");
        // As a busy tenant's pages are built: from the definitions remembered by an earlier request.
        definitions.currentContactDefinitions(tenant).await().atMost(Duration.ofSeconds(30));
        known = definitions.rememberedContactDefinitions(tenant).await().atMost(Duration.ofSeconds(30));
        assertTrue(known.remembered());
    }

    /**
     * The plan with sequential scans priced out: a small test table is cheaper to scan whole, so this
     * asks whether an index can serve the filter at all (without one, the plan still scans).
     */
    private String plan(ContactFilter filter) {
        return plan(ContactSearchRepository.Statement.list(
                tenant, known, filter, null, 51, ContactSearchRepository.Statistics.NONE));
    }

    private String plan(ContactSearchRepository.Statement query) {
        return pool.withTransaction(c -> c.query("set local enable_seqscan = off")
                        .execute()
                        .flatMap(ignored ->
                                c.preparedQuery("explain " + query.sql()).execute(Tuple.wrap(query.parameters()))))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(row -> row.getString(0))
                        .collect(Collectors.joining("\n")))
                .await()
                .atMost(Duration.ofSeconds(30));
    }

    private static ContactFilter filter(String search, List<ContactFilter.Condition> fields, List<String> tags) {
        return new ContactFilter(
                search, fields, tags, List.of(), null, null, null, ContactFilter.Order.CREATED_AT, true);
    }

    @Test
    void servesACustomFieldFilterFromTheGinIndex() {
        String plan = plan(filter(null, List.of(new ContactFilter.Condition("rare", "exists", "true")), List.of()));
        assertTrue(plan.contains("contacts_custom_fields_idx"), plan);
    }

    @Test
    void servesAnEqualityFilterFromTheGinIndex() {
        String plan = plan(filter(null, List.of(new ContactFilter.Condition("rare", "eq", "yes")), List.of()));
        assertTrue(plan.contains("contacts_custom_fields_idx"), plan);
    }

    @Test
    void servesSearchFromTheTrigramIndex() {
        String plan = plan(filter("person1234@", List.of(), List.of()));
        assertTrue(plan.contains("contacts_search_idx"), plan);
    }

    @Test
    void searchesATenantWithMostContactsWithoutItsKeyInTheTrigramIndex() {
        ContactFilter search = filter("person1234", List.of(), List.of());
        ContactSearchRepository.Statement large =
                ContactSearchRepository.Statement.list(tenant, known, search, null, 51, LARGE);
        String plan = plan(large);
        assertTrue(
                plan.contains("Index Cond: (search_text ~~ '%person1234%'::text)")
                        && plan.contains("(tenant_id || ''::text) = "),
                plan);
        assertEquals(
                ids(ContactSearchRepository.Statement.list(
                        tenant, known, search, null, 51, ContactSearchRepository.Statistics.NONE)),
                ids(large));
        assertEquals(11, ids(large).size(), "person1234 and person12340 to person12349");
        // Without a trigram to read, the tenant's own indexes serve the page.
        String shortTerm = plan(ContactSearchRepository.Statement.list(
                tenant, known, filter("12", List.of(), List.of()), null, 51, LARGE));
        assertTrue(!shortTerm.contains("|| ''"), shortTerm);
    }

    @Test
    void readsEachTenantsShareOfTheContactsFromTheStatistics() {
        long all = pool.query("select count(*) from contacts")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(30))
                .iterator()
                .next()
                .getLong(0);
        double share = (double) CONTACTS / all;
        assertTrue(search.largeTenants(pool, share / 2)
                .await()
                .atMost(Duration.ofSeconds(30))
                .contains(tenant));
        assertTrue(!search.largeTenants(pool, Math.min(1, share * 2))
                .await()
                .atMost(Duration.ofSeconds(30))
                .contains(tenant));
    }

    @Test
    void leadsASearchWithThePartOfItsTermThatFewContactsHold() {
        // Every seeded contact's name and email hold "person": its trigrams are common by the statistics.
        Set<String> common = search.commonTrigrams(pool, SearchStatistics.COMMON_TRIGRAM_SHARE)
                .await()
                .atMost(Duration.ofSeconds(30));
        assertTrue(common.containsAll(Set.of("per", "ers", "rso", "son")), common.toString());
        String rare = ContactSearchRules.rarePart("person1234@", common);
        assertTrue(rare != null && "person1234".endsWith(rare) && !rare.contains("son"), rare);

        ContactFilter search = filter("Person1234@", List.of(), List.of());
        ContactSearchRepository.Statement led = ContactSearchRepository.Statement.list(
                tenant, known, search, null, 51, new ContactSearchRepository.Statistics(false, common));
        String plan = plan(led);
        int rareAt = plan.indexOf("'%" + rare + "%'");
        assertTrue(
                rareAt > 0 && rareAt < plan.indexOf("'%person1234@%'") && plan.contains("contacts_search_idx"), plan);
        assertEquals(List.of("con_" + "0".repeat(22) + "1234"), ids(led));
    }

    private List<String> ids(ContactSearchRepository.Statement query) {
        return pool.preparedQuery(query.sql())
                .execute(Tuple.wrap(query.parameters()))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(row -> row.getString(1))
                        .toList())
                .await()
                .atMost(Duration.ofSeconds(30));
    }

    @Test
    void findsNothingFromDefinitionsThatAreNoLongerCurrent() {
        ContactSearchRepository.Statement query = ContactSearchRepository.Statement.list(
                tenant,
                known,
                filter(null, List.of(new ContactFilter.Condition("plan", "eq", "Pro")), List.of()),
                null,
                51,
                ContactSearchRepository.Statistics.NONE);
        assertEquals(51, ids(query).size());
        // A change made elsewhere, as another instance of the service would make it.
        database.execute(
                "update property_definitions set description = 'changed' where tenant_id = $1 and key = 'age'", tenant);
        assertEquals(List.of(), ids(query));
    }

    @Test
    void servesTheTagFilterFromTheTagIndex() {
        String plan = plan(filter(null, List.of(), List.of("tag_rare")));
        assertTrue(plan.contains("contacts_tags_idx"), plan);
    }

    @Test
    void keepsOneGenericPlanForAPageWithoutFilters() {
        assertEquals(5, genericPlans(filter(null, List.of(), List.of())), "executions that reused the generic plan");
    }

    @Test
    void keepsOneGenericPlanForACustomFieldFilter() {
        ContactFilter plan = filter(
                null,
                List.of(
                        new ContactFilter.Condition("plan", "eq", "pro"),
                        new ContactFilter.Condition("age", "gte", "30")),
                List.of());
        assertEquals(5, genericPlans(plan), "executions that reused the generic plan");
        // Every value is bound: the statement's text is the filter's shape, whatever the values.
        String sql = ContactSearchRepository.Statement.list(
                        tenant, known, plan, null, 51, ContactSearchRepository.Statistics.NONE)
                .sql();
        assertTrue(!sql.contains("Pro") && !sql.contains("30") && !sql.contains(tenant), sql);
    }

    /**
     * How many of ten executions of the page's statement reused a generic plan: PostgreSQL plans the
     * first five for their values, then keeps a generic plan unless it costs more.
     */
    private long genericPlans(ContactFilter filter) {
        ContactSearchRepository.Statement query = ContactSearchRepository.Statement.list(
                tenant, known, filter, null, 51, ContactSearchRepository.Statistics.NONE);
        assertEquals(tenant, query.parameters().get(0));
        String execute = "execute page("
                + query.parameters().stream().map(ContactQueryPlanTest::literal).collect(Collectors.joining(", "))
                + ")";
        return pool.withConnection(c -> c.query("prepare page as " + query.sql())
                        .execute()
                        .chain(() -> Multi.createFrom()
                                .range(0, 10)
                                .onItem()
                                .transformToUniAndConcatenate(
                                        i -> c.query(execute).execute())
                                .collect()
                                .last())
                        .chain(() -> c.query("select generic_plans from pg_prepared_statements where name = 'page'")
                                .execute())
                        .eventually(() -> c.query("deallocate page").execute()))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .atMost(Duration.ofSeconds(30));
    }

    /** A parameter as an SQL literal of the test's own EXECUTE. */
    private static String literal(Object value) {
        return value instanceof Number
                ? value.toString()
                : "'" + value.toString().replace("'", "''") + "'";
    }
}
