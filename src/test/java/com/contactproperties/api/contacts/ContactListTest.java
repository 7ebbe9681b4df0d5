package com.contactproperties.api.contacts;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every list filter alone and combined, against contacts whose answers are known; pagination; malformed queries. */
@QuarkusTest
class ContactListTest {

    @Inject
    Database database;

    private final String tenant = newTenant();

    private String field(String name, String type, String choices) {
        return as(tenant)
                .body("{\"name\": \"" + name + "\", \"type\": \"" + type + "\""
                        + (choices == null ? "" : ", \"choices\": " + choices) + "}")
                .post("/v1/contacts/custom-fields")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String contact(String body) {
        return as(tenant)
                .body(body)
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private Set<String> names(RequestSpecification request) {
        return new TreeSet<>(request.get("/v1/contacts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("contacts.name"));
    }

    private Set<String> query(String... parameters) {
        RequestSpecification request = as(tenant);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return names(request);
    }

    @Test
    void filtersAloneAndCombined() {
        field("Age", "number", null);
        field("Plan", "single_choice", "[\"Free\", \"Pro\"]");
        field("Interests", "list", null);
        field("Birthday", "date", null);
        String vip = as(tenant)
                .body("{\"name\": \"VIP\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String late = as(tenant)
                .body("{\"name\": \"Late payer\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        contact("{\"name\": \"Anna\", \"email\": \"anna@example.com\", \"tagIds\": [\"" + vip
                + "\"], \"customFields\": "
                + "{\"age\": 34, \"plan\": \"Pro\", \"interests\": \"ski, jazz\", \"birthday\": \"1990-05-01\"}}");
        contact(
                "{\"name\": \"Bartek\", \"phone\": \"+48500100200\", \"identities\": [{\"channel\": \"whatsapp\", \"metadata\": "
                        + "{\"phoneNumber\": \"+48999888777\"}}], \"customFields\": {\"age\": 25, \"plan\": \"Free\", \"interests\": [\"jazz\"]}}");
        contact("{\"name\": \"Celina\", \"tagIds\": [\"" + late
                + "\"], \"identities\": [{\"channel\": \"instagram\"}], "
                + "\"customFields\": {\"age\": 41.5, \"birthday\": \"1983-01-20\"}}");
        String dawid = contact("{\"name\": \"Dawid\", \"customFields\": {\"plan\": \"Pro\"}}");
        as(tenant).post("/v1/contacts/" + dawid + "/archive").then().statusCode(204);

        assertEquals(Set.of("Anna", "Bartek", "Celina"), query());
        assertEquals(Set.of("Dawid"), query("archived", "true"));
        assertEquals(Set.of("Anna", "Bartek", "Celina"), query("archived", "false"));
        assertEquals(Set.of("Anna"), query("search", "ANNA@EXAMPLE"));
        assertEquals(Set.of("Bartek"), query("search", "999888"));
        assertEquals(Set.of("Bartek"), query("search", "500100"));
        assertEquals(Set.of("Celina"), query("search", "late pay"));
        assertEquals(Set.of("Anna"), query("customFields[plan]", "pro"));
        assertEquals(Set.of("Dawid"), query("customFields[plan]", "pro", "archived", "true"));
        assertEquals(Set.of("Anna"), query("customFields", "{\"plan\": \"Pro\"}"));
        assertEquals(Set.of("Anna", "Celina"), query("customFields[age][gte]", "34"));
        assertEquals(Set.of("Celina"), query("customFields[age][gt]", "34"));
        assertEquals(Set.of("Bartek"), query("customFields[age][lt]", "34"));
        assertEquals(Set.of("Bartek", "Anna"), query("customFields[age][lte]", "34"));
        assertEquals(Set.of("Bartek", "Celina"), query("customFields[plan][ne]", "Pro"));
        assertEquals(Set.of("Celina"), query("customFields[plan][exists]", "false"));
        assertEquals(Set.of("Anna", "Bartek"), query("customFields[interests]", "jazz"));
        assertEquals(Set.of("Anna"), query("customFields[interests]", "jazz,ski"));
        assertEquals(Set.of("Celina"), query("customFields[birthday][lt]", "1985-01-01"));
        assertEquals(Set.of("Anna", "Celina"), query("tagIds", vip + "," + late));
        assertEquals(Set.of("Anna"), query("tagIds", vip));
        assertEquals(Set.of("Bartek", "Celina"), query("channels", "whatsapp,instagram"));
        assertEquals(Set.of("Celina"), query("channels", "instagram"));
        assertEquals(
                Set.of("Anna"),
                query("customFields[age][gte]", "30", "customFields[plan]", "Pro", "tagIds", vip + "," + late));
        assertEquals(Set.of(), query("customFields[age][gte]", "30", "channels", "whatsapp"));
        assertEquals(Set.of("Celina"), query("search", "celina", "customFields[age][gt]", "40"));
    }

    @Test
    void matchesFilterValuesWithQuotesAndBackslashesExactly() {
        field("Nickname", "text", null);
        String tricky = "O'Brien \\' \\\\ \"Bob\" '; drop table contacts; --";
        contact("{\"name\": \"Tricky\", \"customFields\": {\"nickname\": \""
                + tricky.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}");
        contact("{\"name\": \"Plain\", \"customFields\": {\"nickname\": \"O'Brien\"}}");
        contact("{\"name\": \"Slash\", \"customFields\": {\"nickname\": \"zz\\\\back\"}}");

        assertEquals(Set.of("Tricky"), query("customFields[nickname]", tricky));
        assertEquals(Set.of("Plain"), query("customFields[nickname]", "O'Brien"));
        assertEquals(Set.of("Slash"), query("customFields[nickname]", "zz\\back"));
        assertEquals(Set.of("Plain", "Slash"), query("customFields[nickname][ne]", tricky));
        // Orderings that agree in every collation: a prefix sorts first, and "zz" after "O".
        assertEquals(Set.of("Tricky", "Slash"), query("customFields[nickname][gt]", "O'Brien"));
        assertEquals(Set.of("Plain", "Tricky"), query("customFields[nickname][lte]", tricky));
        assertEquals(Set.of("Plain", "Slash", "Tricky"), query());
    }

    @Test
    void filtersOnCreationTime() {
        contact("{\"name\": \"First\"}");
        String second = contact("{\"name\": \"Second\"}");
        String createdAt =
                as(tenant).get("/v1/contacts/" + second).then().extract().path("createdAt");
        contact("{\"name\": \"Third\"}");
        assertEquals(Set.of("Second", "Third"), query("createdAfter", createdAt));
        assertEquals(Set.of("First"), query("createdBefore", createdAt));
        assertEquals(Set.of("Second"), query("createdAfter", createdAt, "createdBefore", plusMillis(createdAt)));
    }

    private static String plusMillis(String instant) {
        return java.time.Instant.parse(instant).plusMillis(1).toString();
    }

    @Test
    void walksATenantOf1234ContactsOnceInEveryOrder() {
        database.execute("""
        insert into contacts (tenant_id, id, name, created_at, updated_at)
        select $1, 'con_' || lpad(n::text, 26, '0'), 'Name ' || (n % 97),
               timestamptz '2026-01-01' + (n % 300) * interval '1 second', timestamptz '2026-02-01' + (n % 7) * interval '1 second'
          from generate_series(1, 1234) n""", tenant);
        for (String order : List.of("createdAt", "updatedAt", "name")) {
            for (String direction : List.of("asc", "desc")) {
                List<String> seen = new ArrayList<>();
                String token = null;
                List<String> sortValues = new ArrayList<>();
                do {
                    RequestSpecification request = as(tenant)
                            .queryParam("pageSize", 100)
                            .queryParam("orderBy", order)
                            .queryParam("orderDirection", direction);
                    if (token != null) {
                        request.queryParam("pageToken", token);
                    }
                    JsonPath page = request.get("/v1/contacts")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    seen.addAll(page.getList("contacts.id"));
                    sortValues.addAll(page.getList("contacts." + order));
                    token = page.getString("nextPageToken");
                } while (token != null);
                assertEquals(1234, seen.size(), order + " " + direction);
                assertEquals(1234, new HashSet<>(seen).size(), order + " " + direction);
                List<String> sorted = new ArrayList<>(sortValues);
                sorted.sort(direction.equals("asc") ? null : java.util.Comparator.reverseOrder());
                if (!order.equals("name")) {
                    assertEquals(sorted, sortValues, order + " " + direction);
                }
            }
        }
    }

    @Test
    void filtersWithTheDefinitionsAsTheyAreNow() {
        String code = field("Code", "text", null);
        contact("{\"name\": \"Ela\", \"customFields\": {\"code\": \"7\"}}");
        assertEquals(Set.of("Ela"), query("customFields[code]", "7"));
        // A field created after the tenant's definitions were read.
        field("Tier", "single_choice", "[\"Gold\"]");
        contact("{\"name\": \"Filip\", \"customFields\": {\"tier\": \"Gold\", \"code\": \"7\"}}");
        assertEquals(Set.of("Filip"), query("customFields[tier]", "gold"));
        // A retype: the stored values are converted, and the filter compares numbers (as text, "7" > "10").
        as(tenant)
                .body("{\"type\": \"number\"}")
                .patch("/v1/contacts/custom-fields/" + code)
                .then()
                .statusCode(200);
        assertEquals(2, awaitTask(tenant, "property_retype").getInt("processed_count"));
        assertEquals(Set.of("Ela", "Filip"), query("customFields[code][lt]", "10"));
        // A change made straight in the database, as another instance of the service would make it: a
        // choice the definitions read before did not have.
        database.execute(
                "update property_definitions set choices = '[\"Gold\", \"Silver\"]' where tenant_id = $1 and key = 'tier'",
                tenant);
        assertEquals(Set.of(), query("customFields[tier]", "Silver"));
        as(tenant).delete("/v1/contacts/custom-fields/" + code).then().statusCode(204);
        problem(
                        as(tenant)
                                .queryParam("customFields[code]", "7")
                                .get("/v1/contacts")
                                .then(),
                        400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("customFields[code]"));
    }

    @Test
    void refusesMalformedQueriesNamingTheParameter() {
        field("Age", "number", null);
        field("Vip", "boolean", null);
        Map<String, String> cases = Map.ofEntries(
                Map.entry("customFields[nope]", "x"),
                Map.entry("customFields[age][between]", "1"),
                Map.entry("customFields[age]", "old"),
                Map.entry("customFields[vip][gt]", "true"),
                Map.entry("customFields[age][exists]", "maybe"),
                Map.entry("customFields", "not json"),
                Map.entry("archived", "yes"),
                Map.entry("createdAfter", "yesterday"),
                Map.entry("orderBy", "email"),
                Map.entry("orderDirection", "up"),
                Map.entry("channels", "pigeon"),
                Map.entry("pageSize", "0"),
                Map.entry("pageToken", "forged"),
                Map.entry("colour", "red"));
        cases.forEach((name, value) -> problem(
                        as(tenant).queryParam(name, value).get("/v1/contacts").then(), 400)
                .body(
                        "errors[0].field",
                        org.hamcrest.Matchers.startsWith(name.startsWith("customFields") ? "customFields" : name)));
    }

    @Test
    void refusesATokenIssuedForAnotherOrdering() {
        contact("{\"name\": \"A\"}");
        contact("{\"name\": \"B\"}");
        String token = as(tenant)
                .queryParam("pageSize", 1)
                .get("/v1/contacts")
                .then()
                .extract()
                .path("nextPageToken");
        problem(
                        as(tenant)
                                .queryParam("pageToken", token)
                                .queryParam("orderBy", "name")
                                .get("/v1/contacts")
                                .then(),
                        400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("pageToken"));
    }
}
