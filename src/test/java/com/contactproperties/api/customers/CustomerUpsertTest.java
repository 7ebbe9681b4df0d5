package com.contactproperties.api.customers;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerUpsertTest {

    private static final String PATH = "/api/v2/customers";
    private static final String SEED = """
      {"subscribers": [{"email": "johnsmith@example.com", "first_name": "John", "last_name": "Smith", "company": "ACME",
       "tags": ["foo", "bar"], "properties": [{"label": "Subscription name", "type": "string", "value": "Free trial"}]}]}""";

    /** Seed 002's three request bodies, as published. */
    private static final String SEED_CREATE = """
      {
      "subscribers": [
      {
      "email": "johnsmith@example.com",
      "first_name": "John",
      "last_name": "Smith",
      "company": "ACME",
      "tags": ["foo", "bar"],
      "properties": [
      {
      "label": "Subscription name",
      "type": "string",
      "value": "Free trial"
      }
      ]
      }
      ]
      }""";

    private static final String SEED_UPDATE = """
      {
      "subscribers": [
      {
      "email": "johnsmith@example.com",
      "properties": [
      {
      "label": "Subscription name",
      "type": "string",
      "value": "Professional plan"
      }
      ]
      }
      ]
      }""";
    private static final String SEED_UNASSIGN = """
      {
      "subscribers": [
      {
      "email": "johnsmith@example.com",
      "properties": [
      {
      "label": "Subscription name",
      "value": ""
      }
      ]
      }
      ]
      }""";

    @Inject
    Database database;

    private final String tenant = newTenant();

    private ValidatableResponse upsert(String body) {
        return as(tenant).body(body).post(PATH).then();
    }

    private static String one(String property) {
        return "{\"subscribers\": [{\"email\": \"johnsmith@example.com\", \"properties\": [" + property + "]}]}";
    }

    private String contact() {
        return as(tenant)
                .queryParam("search", "johnsmith@")
                .get("/v1/contacts")
                .then()
                .extract()
                .path("contacts[0].id");
    }

    @Test
    void createsTheSeedsCustomerWithANewProperty() {
        upsert(SEED)
                .statusCode(200)
                .body("created_count", equalTo(1))
                .body("results[0].status", equalTo("created"))
                .body("results[0].contact_id", startsWith("con_"));
        as(tenant)
                .get("/v1/contacts/" + contact())
                .then()
                .body("name", equalTo("John Smith"))
                .body("email", equalTo("johnsmith@example.com"))
                .body("customFields.subscriptionName", equalTo("Free trial"))
                .body("customFields.company", equalTo("ACME"))
                .body("customFields.firstName", equalTo("John"))
                .body("customFields.lastName", equalTo("Smith"))
                .body("tagIds.size()", equalTo(2));
        as(tenant)
                .get("/api/v1/contact_properties/subscription-name")
                .then()
                .statusCode(200)
                .body("contact_property.property_type", equalTo("text"));
        as(tenant).get("/v1/tags").then().body("tags.name", containsInAnyOrder("bar", "foo"));
    }

    @Test
    void updatesAValueAndLeavesUnnamedPropertiesAlone() {
        upsert(SEED).statusCode(200);
        upsert(one("{\"label\": \"Subscription name\", \"type\": \"string\", \"value\": \"Professional plan\"}"))
                .statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("updated_count", equalTo(1));
        as(tenant)
                .get("/v1/contacts/" + contact())
                .then()
                .body("customFields.subscriptionName", equalTo("Professional plan"))
                .body("customFields.company", equalTo("ACME"))
                .body("name", equalTo("John Smith"));
    }

    @Test
    void unassignsWithAnEmptyStringOrNullForThisCustomerOnly() {
        upsert(SEED).statusCode(200);
        upsert(SEED.replace("johnsmith@", "jane@")).statusCode(200);
        upsert(one("{\"label\": \"Subscription name\", \"value\": \"\"}"))
                .statusCode(200)
                .body("results[0].status", equalTo("updated"));
        as(tenant).get("/v1/contacts/" + contact()).then().body("customFields.subscriptionName", nullValue());
        as(tenant)
                .queryParam("search", "jane@")
                .get("/v1/contacts")
                .then()
                .body("contacts[0].customFields.subscriptionName", equalTo("Free trial"));
        upsert(SEED).statusCode(200);
        upsert(one("{\"label\": \"subscription_name\", \"value\": null}")).statusCode(200);
        as(tenant).get("/v1/contacts/" + contact()).then().body("customFields.subscriptionName", nullValue());
        as(tenant).get("/api/v1/contact_properties/subscription-name").then().statusCode(200);
    }

    @Test
    void coercesValuesAsTheSeedSays() {
        upsert("""
        {"subscribers": [{"email": "johnsmith@example.com", "properties": [
          {"label": "Trial", "type": "boolean", "value": "Y"}, {"label": "Items", "type": "collection", "value": "item1, item2, item3"},
          {"label": "Renewal", "type": "date", "value": "12/31/2019"}, {"label": "Seats", "type": "integer", "value": "100"},
          {"label": "Started", "type": "date", "value": "2019-12-31T00:00:00Z"}]}]}""").statusCode(200).body("results[0].status", equalTo("created"));
        as(tenant)
                .get("/v1/contacts/" + contact())
                .then()
                .body("customFields.trial", equalTo(true))
                .body("customFields.items", equalTo(List.of("item1", "item2", "item3")))
                .body("customFields.renewal", equalTo("2019-12-31"))
                .body("customFields.seats", equalTo(100))
                .body("customFields.started", equalTo("2019-12-31T00:00:00Z"));
        upsert(one("{\"label\": \"Renewal\", \"type\": \"date\", \"value\": \"31/12/2019\"}"))
                .statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].errors[0].field", equalTo("subscribers[0].properties[0]" + ".value"))
                .body("results[0].errors[0].message", containsString("DD/MM/YYYY"));
        upsert(one("{\"label\": \"Seats\", \"type\": \"integer\", \"value\": 1.5}"))
                .statusCode(200)
                .body("results[0].errors[0].message", containsString("whole number"));
        upsert(one("{\"label\": \"Trial\", \"type\": \"boolean\", \"value\": \"maybe\"}"))
                .statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].errors[0].field", equalTo("subscribers[0].properties[0].value"));
        as(tenant)
                .get("/v1/contacts/" + contact())
                .then()
                .body("customFields.trial", equalTo(true))
                .body("customFields.renewal", equalTo("2019-12-31"));
        upsert(one("{\"label\": \"Odd\", \"type\": \"money\", \"value\": 1}"))
                .statusCode(200)
                .body("results[0].errors[0].field", equalTo("subscribers[0].properties[0].type"));
    }

    @Test
    void replaysSeed002sCreateUpdateAndUnassignVerbatimAndReadsEachBack() {
        upsert(SEED_CREATE).statusCode(200).body("results[0].status", equalTo("created"));
        readBack()
                .body("name", equalTo("John Smith"))
                .body("tags", equalTo(List.of("bar", "foo")))
                .body("properties.find { it.label == 'subscription_name' }.value", equalTo("Free trial"))
                .body("properties.find { it.label == 'subscription_name' }.type", equalTo("string"))
                .body("properties.find { it.label == 'company' }.value", equalTo("ACME"));
        upsert(SEED_UPDATE).statusCode(200).body("results[0].status", equalTo("updated"));
        readBack()
                .body("properties.find { it.label == 'subscription_name' }.value", equalTo("Professional plan"))
                .body("properties.find { it.label == 'company' }.value", equalTo("ACME"));
        upsert(SEED_UNASSIGN).statusCode(200).body("results[0].status", equalTo("updated"));
        readBack()
                .body("properties.label", not(hasItem("subscription_name")))
                .body("properties.label", hasItem("company"));
        as(tenant).get("/api/v1/contact_properties/subscription-name").then().statusCode(200);
    }

    @Test
    void storesEverythingButADayMonthYearDate() {
        upsert("""
        {"subscribers": [{"email": "johnsmith@example.com", "first_name": "John", "tags": ["vip"], "properties": [
          {"label": "Renewal", "type": "date", "value": "31/12/2019"}, {"label": "Plan", "type": "string", "value": "Pro"},
          {"label": "Started", "type": "date", "value": "2019-12-31"}]}]}""")
                .statusCode(200)
                .body("results[0].status", equalTo("created"))
                .body("failed_count", equalTo(0))
                .body("results[0].errors.size()", equalTo(1))
                .body("results[0].errors[0].field", equalTo("subscribers[0].properties[0].value"))
                .body("results[0].errors[0].message", containsString("Renewal"));
        readBack()
                .body("name", equalTo("John"))
                .body("tags", equalTo(List.of("vip")))
                .body("properties.find { it.label == 'plan' }.value", equalTo("Pro"))
                .body("properties.find { it.label == 'started' }.value", equalTo("2019-12-31"))
                .body("properties.label", not(hasItem("renewal")));
    }

    @Test
    void keepsAnIntegerPropertyWholeWhenALaterRequestOmitsTheType() {
        upsert(one("{\"label\": \"Seats\", \"type\": \"integer\", \"value\": 100}"))
                .statusCode(200);
        upsert(one("{\"label\": \"Seats\", \"value\": 7.25}"))
                .statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].errors[0].message", containsString("whole number"));
        upsert(one("{\"label\": \"Seats\", \"value\": \"7.25\"}"))
                .statusCode(200)
                .body("results[0].errors[0].message", containsString("whole number"));
        readBack()
                .body("properties.find { it.label == 'seats' }.value", equalTo(100))
                .body("properties.find { it.label == 'seats' }.type", equalTo("integer"));
        as(tenant)
                .get("/api/v1/contact_properties/seats")
                .then()
                .body("contact_property.property_type", equalTo("number"))
                .body("contact_property.integer", equalTo(true));
        as(tenant)
                .get("/v1/contacts/custom-fields/cf_seats")
                .then()
                .statusCode(200)
                .body("type", equalTo("number"))
                .body("integer", equalTo(true));
        problem(
                as(tenant)
                        .body("{\"value\": 7.25}")
                        .put("/v1/contacts/" + contact() + "/custom-fields/seats")
                        .then(),
                422);
        upsert(one("{\"label\": \"Seats\", \"value\": \"8\"}"))
                .statusCode(200)
                .body("results[0].errors.size()", equalTo(0));
    }

    @Test
    void readsNoCustomerWithoutAnEmailOrOfAnotherTenant() {
        upsert(SEED).statusCode(200);
        problem(as(tenant).get(PATH).then(), 400).body("errors[0].field", equalTo("email"));
        problem(
                as(newTenant())
                        .queryParam("email", "johnsmith@example.com")
                        .get(PATH)
                        .then(),
                404);
        as(tenant).queryParam("email", "JohnSmith@Example.com").get(PATH).then().statusCode(200);
    }

    private ValidatableResponse readBack() {
        return as(tenant)
                .queryParam("email", "johnsmith@example.com")
                .get(PATH)
                .then()
                .statusCode(200);
    }

    @Test
    void warnsWhenTheTypeDiffersFromTheExistingProperty() {
        upsert(SEED).statusCode(200);
        upsert(one("{\"label\": \"Subscription name\", \"type\": \"integer\", \"value\": \"42\"}"))
                .statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].warnings[0]", containsString("text property"));
        as(tenant).get("/v1/contacts/" + contact()).then().body("customFields.subscriptionName", equalTo("42"));
    }

    @Test
    void failsOneBadSubscriberAloneAndReportsTheEarlierOfTwoSameEmails() {
        upsert("""
        {"subscribers": [{"email": "a@example.com", "first_name": "First"}, {"email": "not-an-email"},
         {"email": "A@example.com", "first_name": "Second"}, {"email": "b@example.com"}, {"first_name": "No email"}]}""")
                .statusCode(200)
                .body("created_count", equalTo(2))
                .body("failed_count", equalTo(3))
                .body("results.status", equalTo(List.of("failed", "failed", "created", "created", "failed")))
                .body("results[0].errors[0].message", containsString("repeated later"))
                .body("results[1].errors[0].field", equalTo("subscribers[1].email"));
        as(tenant)
                .queryParam("search", "a@example.com")
                .get("/v1/contacts")
                .then()
                .body("contacts[0].name", equalTo("Second"));
    }

    @Test
    void needsTheCustomFieldCreateScopeToCreateAProperty() {
        as(tenant, "contact:create", "contact:update")
                .body(SEED)
                .post(PATH)
                .then()
                .statusCode(200)
                .body("results[0].status", equalTo("created"))
                .body("results[0].errors[0].message", containsString("custom_field:create"));
        as(tenant)
                .queryParam("email", "johnsmith@example.com")
                .get(PATH)
                .then()
                .statusCode(200)
                .body("name", equalTo("John Smith"))
                .body("properties.label", not(hasItem("subscription_name")));
        problem(as(tenant, "contact:create").body(SEED).post(PATH).then(), 403);
    }

    @Test
    void createsOnePropertyAndOneContactUnderTwentyParallelRequests() throws Exception {
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> upsert(SEED).extract().statusCode()));
        }
        for (CompletableFuture<Integer> call : calls) {
            assertEquals(200, call.get());
        }
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(1));
        assertEquals(
                1,
                database.execute(
                        "select 1 from property_definitions where tenant_id = $1 and key = 'subscription_name'",
                        tenant));
    }

    @Test
    void refusesMoreThanAThousandSubscribers() {
        String many = IntStream.range(0, 1001)
                .mapToObj(i -> "{\"email\": \"u" + i + "@example.com\"}")
                .collect(Collectors.joining(","));
        problem(upsert("{\"subscribers\": [" + many + "]}"), 413);
        problem(upsert("{\"subscribers\": []}"), 422);
        problem(upsert("{}"), 400);
    }

    @Test
    void answersASurveyWithoutCustomersWith400NowThatSurveysAreServed() {
        problem(as(tenant).body("{}").post("/api/v2/survey").then(), 400).body("errors[0].field", equalTo("customers"));
    }

    @Test
    void keepsTenantsApart() {
        upsert(SEED).statusCode(200);
        String other = newTenant();
        as(other).body(SEED).post(PATH).then().statusCode(200).body("results[0].status", equalTo("created"));
        as(other).get("/v1/contacts").then().body("contacts.size()", equalTo(1));
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(1));
        as(tenant)
                .get("/v1/contacts/" + contact())
                .then()
                .body("customFields", aMapWithSize(4))
                .body("tagIds", hasItem(startsWith("tag_")));
    }
}
