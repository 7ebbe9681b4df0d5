package com.contactproperties.api.properties;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactPropertyResourceTest {

    private static final String PATH = "/api/v1/contact_properties";
    private static final String PLAN = """
      {"contact_property": {"title": "Subscription Plan", "property_type": "single_choice",
       "choices": ["Free", "Pro", "Business"]}}""";

    @Inject
    Database database;

    private final String tenant = newTenant();

    private ValidatableResponse create(String body) {
        return as(tenant).body(body).post(PATH).then();
    }

    private String createTitled(String title, String type) {
        return create("{\"contact_property\": {\"title\": \"" + title + "\", \"property_type\": \"" + type + "\"}}")
                .statusCode(201)
                .extract()
                .path("contact_property.slug");
    }

    @Test
    void createsThePropertyOfTheSeedWithAGeneratedSlug() {
        create(PLAN)
                .statusCode(201)
                .header("Location", containsString(PATH + "/subscription-plan"))
                .body("contact_property.slug", equalTo("subscription-plan"))
                .body("contact_property.title", equalTo("Subscription Plan"))
                .body("contact_property.property_type", equalTo("single_choice"))
                .body("contact_property.choices", contains("Free", "Pro", "Business"))
                .body("contact_property.agent_active", equalTo(false))
                .body("contact_property.predefined", equalTo(false));
    }

    @Test
    void defaultsToTextAndKeepsDescriptionAndAgentActive() {
        create(
                        "{\"contact_property\": {\"title\": \"Birthday note\", \"description\": \"What they like\", \"agent_active\": true}}")
                .statusCode(201)
                .body("contact_property.property_type", equalTo("text"))
                .body("contact_property.choices", nullValue())
                .body("contact_property.description", equalTo("What they like"))
                .body("contact_property.agent_active", equalTo(true));
    }

    @Test
    void updatesOnlyTheFieldsSentAsInTheSeed() {
        create(PLAN).statusCode(201);
        as(tenant)
                .body(
                        "{\"contact_property\": {\"title\": \"Plan\", \"choices\": [\"Starter\", \"Pro\", \"Business\"]}}")
                .put(PATH + "/subscription-plan")
                .then()
                .statusCode(200)
                .body("contact_property.slug", equalTo("subscription-plan"))
                .body("contact_property.title", equalTo("Plan"))
                .body("contact_property.property_type", equalTo("single_choice"))
                .body("contact_property.choices", contains("Starter", "Pro", "Business"));
        as(tenant)
                .body("{\"contact_property\": {\"description\": \"Tier\"}}")
                .put(PATH + "/subscription-plan")
                .then()
                .statusCode(200)
                .body("contact_property.title", equalTo("Plan"))
                .body("contact_property.description", equalTo("Tier"));
        as(tenant)
                .body("{\"contact_property\": {\"agent_active\": true}}")
                .put(PATH + "/subscription-plan")
                .then()
                .statusCode(200)
                .body("contact_property.description", equalTo("Tier"))
                .body("contact_property.agent_active", equalTo(true));
        as(tenant)
                .body("{\"contact_property\": {\"description\": null}}")
                .put(PATH + "/subscription-plan")
                .then()
                .statusCode(200)
                .body("contact_property.description", nullValue());
    }

    @Test
    void deletesAsInTheSeedAndThenAnswers404() {
        create(PLAN).statusCode(201);
        as(tenant).delete(PATH + "/subscription-plan").then().statusCode(204);
        problem(as(tenant).get(PATH + "/subscription-plan").then(), 404);
        problem(as(tenant).delete(PATH + "/subscription-plan").then(), 404);
        as(tenant).get(PATH).then().body("contact_properties.slug", not(hasItem("subscription-plan")));
    }

    @Test
    void listsPredefinedEmailAndPhoneFirst() {
        createTitled("Region", "text");
        as(tenant)
                .get(PATH)
                .then()
                .statusCode(200)
                .body("contact_properties.slug", contains("email", "phone", "region"))
                .body("contact_properties[0].predefined", equalTo(true))
                .body("contact_properties[0].property_type", equalTo("email"));
    }

    @Test
    void findsAPropertyByEverySpellingAndByTitle() {
        create("{\"contact_property\": {\"title\": \"Lifecycle stage\"}}")
                .statusCode(201)
                .body("contact_property.slug", equalTo("lifecycle-stage"));
        for (String name : List.of(
                "lifecycle-stage",
                "lifecycle_stage",
                "cf_lifecycle_stage",
                "lifecycleStage",
                "Lifecycle stage",
                "LIFECYCLE STAGE",
                "LifecycleStage")) {
            as(tenant)
                    .get(PATH + "/" + name)
                    .then()
                    .statusCode(200)
                    .body("contact_property.slug", equalTo("lifecycle-stage"));
        }
        problem(as(tenant).get(PATH + "/lifecycle").then(), 404);
    }

    @Test
    void givesCollidingTitlesNumberedSlugs() {
        assertSlug(createTitled("Plan", "text"), "plan");
        assertSlug(createTitled("Plan!", "text"), "plan-2");
        assertSlug(createTitled("🎉", "text"), "property");
        assertSlug(createTitled("Żółta Łódź", "text"), "zolta-lodz");
    }

    @Test
    void reservesADeletedKeyUntilItsPurgeHasRun() throws InterruptedException {
        assertSlug(createTitled("Plan", "text"), "plan");
        // Two long-running tasks hold the tenant's limit, so the purge waits in the queue.
        database.execute("""
        insert into tasks (tenant_id, id, type, status, created_by, created_at, updated_at, lease_owner, lease_until)
        select $1, 'task_busy_' || n, 'bulk_update', 'processing', 'usr', now(), now(), 'elsewhere', now() + interval '1 hour'
          from generate_series(1, 2) n""", tenant);
        as(tenant).delete(PATH + "/plan").then().statusCode(204);
        assertSlug(createTitled("Plan", "text"), "plan-2");
        as(tenant).delete(PATH + "/plan-2").then().statusCode(204);
        database.execute(
                "update tasks set status = 'completed' where tenant_id = $1 and id like 'task_busy_%'", tenant);
        awaitTask(tenant, "property_purge");
        Instant deadline = Instant.now().plusSeconds(30);
        while (database.execute(
                                "select 1 from tasks where tenant_id = $1 and status in ('pending', 'processing')",
                                tenant)
                        > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertSlug(createTitled("Plan", "text"), "plan");
    }

    private static void assertSlug(String actual, String expected) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }

    @Test
    void generatesDistinctKeysForConcurrentCreations() throws Exception {
        List<String> titles = List.of("Plan", "Plan!", "PLAN?", "plan.", "Plan #", "(plan)", "Plan ~", "plan,");
        ExecutorService pool = Executors.newFixedThreadPool(titles.size());
        try {
            List<Future<String>> slugs = pool.invokeAll(titles.stream()
                    .<Callable<String>>map(t -> () -> createTitled(t, "text"))
                    .toList());
            Set<String> distinct = new HashSet<>();
            for (Future<String> slug : slugs) {
                distinct.add(slug.get());
            }
            org.junit.jupiter.api.Assertions.assertEquals(
                    Set.of("plan", "plan-2", "plan-3", "plan-4", "plan-5", "plan-6", "plan-7", "plan-8"), distinct);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void createsOneOfConcurrentSameTitleRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> statuses = pool.invokeAll(IntStream.range(0, 6)
                    .<Callable<Integer>>mapToObj(i -> () -> create("{\"contact_property\": {\"title\": \"Tier\"}}")
                            .extract()
                            .statusCode())
                    .toList());
            List<Integer> codes = new java.util.ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            org.junit.jupiter.api.Assertions.assertEquals(
                    1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            org.junit.jupiter.api.Assertions.assertEquals(
                    5, codes.stream().filter(c -> c == 409).count(), codes.toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void refusesADuplicateTitleIgnoringCase() {
        createTitled("Region", "text");
        problem(create("{\"contact_property\": {\"title\": \"REGION\"}}"), 409)
                .body("errors[0].field", equalTo("contact_property.title"));
        createTitled("Other", "text");
        problem(
                as(tenant)
                        .body("{\"contact_property\": {\"title\": \"region\"}}")
                        .put(PATH + "/other")
                        .then(),
                409);
    }

    @Test
    void refusesInvalidDefinitionsNamingTheField() {
        assertInvalid("{\"contact_property\": {}}", "contact_property.title");
        assertInvalid("{\"contact_property\": {\"title\": \"" + "x".repeat(101) + "\"}}", "contact_property.title");
        assertInvalid("{\"contact_property\": {\"title\": \"  \"}}", "contact_property.title");
        assertInvalid(
                "{\"contact_property\": {\"title\": \"A\", \"property_type\": \"money\"}}",
                "contact_property.property_type");
        assertInvalid(
                "{\"contact_property\": {\"title\": \"A\", \"property_type\": \"single_choice\"}}",
                "contact_property.choices");
        assertInvalid(
                "{\"contact_property\": {\"title\": \"A\", \"property_type\": \"multiple_choice\", \"choices\": []}}",
                "contact_property.choices");
        assertInvalid("{\"contact_property\": {\"title\": \"A\", \"choices\": [\"x\"]}}", "contact_property.choices");
        assertInvalid(
                "{\"contact_property\": {\"title\": \"A\", \"property_type\": \"single_choice\", \"choices\": [\"Pro\", \"pro\"]}}",
                "contact_property.choices[1]");
        assertInvalid(
                "{\"contact_property\": {\"title\": \"A\", \"property_type\": \"single_choice\", \"choices\": [\""
                        + "x".repeat(101) + "\"]}}",
                "contact_property.choices[0]");
        String tooMany =
                IntStream.range(0, 1001).mapToObj(i -> "\"c" + i + "\"").collect(Collectors.joining(","));
        assertInvalid(
                "{\"contact_property\": {\"title\": \"A\", \"property_type\": \"single_choice\", \"choices\": ["
                        + tooMany + "]}}",
                "contact_property.choices");
    }

    private void assertInvalid(String body, String field) {
        problem(create(body), 422).body("errors.field", hasItem(field));
    }

    @Test
    void refusesMalformedRequestsWith400() {
        problem(create("{\"contact_property\": {\"title\": \"A\", \"colour\": \"red\"}}"), 400)
                .body("errors[0].field", equalTo("contact_property.colour"));
        problem(create("{\"title\": \"A\"}"), 400).body("errors[0].field", equalTo("title"));
        problem(create("{}"), 400).body("errors[0].field", equalTo("contact_property"));
        problem(create("{\"contact_property\": {\"title\": [1]}}"), 400)
                .body("errors[0].field", equalTo("contact_property.title"));
        problem(create("{\"contact_property\": "), 400);
    }

    @Test
    void protectsThePredefinedFields() {
        problem(as(tenant).delete(PATH + "/email").then(), 409).body("detail", containsString("predefined"));
        problem(
                as(tenant)
                        .body("{\"contact_property\": {\"property_type\": \"text\"}}")
                        .put(PATH + "/phone")
                        .then(),
                409);
        as(tenant)
                .body("{\"contact_property\": {\"agent_active\": true}}")
                .put(PATH + "/email")
                .then()
                .statusCode(200)
                .body("contact_property.agent_active", equalTo(true))
                .body("contact_property.property_type", equalTo("email"));
    }

    @Test
    void changesTypeAtOnceWhenNoContactHoldsAValue() {
        createTitled("Score", "text");
        as(tenant)
                .body("{\"contact_property\": {\"property_type\": \"number\"}}")
                .put(PATH + "/score")
                .then()
                .statusCode(200)
                .body("contact_property.property_type", equalTo("number"));
    }

    @Test
    void reportsWhatARetypeWouldDoWithoutChangingAnything() {
        create(PLAN).statusCode(201);
        database.insertContact(tenant, "con_1", "{\"subscription_plan\": \"Pro\"}");
        database.insertContact(tenant, "con_2", "{\"subscription_plan\": \"Free\"}");
        as(tenant)
                .queryParam("dry_run", "true")
                .body("{\"contact_property\": {\"property_type\": \"number\"}}")
                .put(PATH + "/subscription-plan")
                .then()
                .statusCode(200)
                .body("dry_run.would_convert", equalTo(0))
                .body("dry_run.would_clear", equalTo(2))
                .body("dry_run.clear_samples.contact_id", contains("con_1", "con_2"))
                .body("dry_run.clear_samples[0].reason", containsString("not a number"))
                .body("contact_property.property_type", equalTo("single_choice"));
        as(tenant)
                .queryParam("dry_run", "true")
                .body("{\"contact_property\": {\"property_type\": \"text\"}}")
                .put(PATH + "/subscription-plan")
                .then()
                .statusCode(200)
                .body("dry_run.would_convert", equalTo(2))
                .body("dry_run.convert_samples[0].to", equalTo("Pro"));
        as(tenant)
                .get(PATH + "/subscription-plan")
                .then()
                .body("contact_property.property_type", equalTo("single_choice"));
        problem(
                as(tenant)
                        .queryParam("dry_run", "perhaps")
                        .body("{\"contact_property\": {}}")
                        .put(PATH + "/subscription-plan")
                        .then(),
                400);
    }

    @Test
    void renamesStoredChoicesInABackgroundRetype() {
        create(PLAN).statusCode(201);
        database.insertContact(tenant, "con_1", "{\"subscription_plan\": \"Pro\"}");
        database.insertContact(tenant, "con_2", "{\"subscription_plan\": \"Free\"}");
        String task = as(tenant)
                .body("{\"contact_property\": {\"choices\": [\"Starter\", \"Pro\", \"Business\"],"
                        + " \"choice_renames\": {\"Free\": \"Starter\"}}}")
                .put(PATH + "/subscription-plan")
                .then()
                .statusCode(200)
                .body("contact_property.choices", contains("Starter", "Pro", "Business"))
                .extract()
                .path("retype_task_id");
        io.restassured.path.json.JsonPath done = awaitTask(tenant, "property_retype");
        org.junit.jupiter.api.Assertions.assertEquals(task, done.getString("id"));
        org.junit.jupiter.api.Assertions.assertEquals(2, done.getInt("succeeded_count"));
        org.junit.jupiter.api.Assertions.assertEquals(
                1,
                database.execute(
                        "select 1 from contacts where tenant_id = $1 and custom_fields = '{\"subscription_plan\": \"Starter\"}'",
                        tenant));
        problem(
                        as(tenant)
                                .body("{\"contact_property\": {\"choice_renames\": {\"Pro\": \"Gold\"}}}")
                                .put(PATH + "/subscription-plan")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("contact_property.choiceRenames.Pro"));
    }

    @Test
    void refusesMoreThanTheLimitOfDefinitions() {
        database.execute("""
        insert into property_definitions (tenant_id, entity_type, key, title, type, created_at, created_by, updated_at)
        select $1, 'contact', 'bulk_' || n, 'Bulk ' || n, 'text', now(), 'usr', now() from generate_series(1, 998) n""", tenant);
        problem(create("{\"contact_property\": {\"title\": \"One too many\"}}"), 409)
                .body("detail", containsString("maximum of 1000"));
        as(tenant).get(PATH).then().statusCode(200).body("contact_properties.size()", equalTo(1000));
    }

    @Test
    void neverShowsOrChangesAnotherTenantsProperty() {
        create(PLAN).statusCode(201);
        String other = newTenant();
        problem(as(other).get(PATH + "/subscription-plan").then(), 404);
        problem(
                as(other)
                        .body("{\"contact_property\": {\"title\": \"Mine\"}}")
                        .put(PATH + "/subscription-plan")
                        .then(),
                404);
        problem(as(other).delete(PATH + "/subscription-plan").then(), 404);
        as(other).get(PATH).then().body("contact_properties.slug", contains("email", "phone"));
        as(tenant)
                .get(PATH + "/subscription-plan")
                .then()
                .statusCode(200)
                .body("contact_property.title", equalTo("Subscription Plan"));
    }

    @Test
    void enforcesTheCustomFieldScopes() {
        create(PLAN).statusCode(201);
        problem(as(tenant, "custom_field:create").get(PATH).then(), 403);
        problem(
                as(tenant, "custom_field:create")
                        .get(PATH + "/subscription-plan")
                        .then(),
                403);
        problem(as(tenant, "custom_field:list").body(PLAN).post(PATH).then(), 403);
        problem(
                as(tenant, "custom_field:list")
                        .body("{\"contact_property\": {}}")
                        .put(PATH + "/subscription-plan")
                        .then(),
                403);
        problem(
                as(tenant, "custom_field:update")
                        .delete(PATH + "/subscription-plan")
                        .then(),
                403);
        as(tenant, "custom_field:list").get(PATH).then().statusCode(200);
        as(tenant, "custom_field:update")
                .body("{\"contact_property\": {}}")
                .put(PATH + "/subscription-plan")
                .then()
                .statusCode(200);
        as(tenant, "custom_field:delete")
                .delete(PATH + "/subscription-plan")
                .then()
                .statusCode(204);
    }
}
