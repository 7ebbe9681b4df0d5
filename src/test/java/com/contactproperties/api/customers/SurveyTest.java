package com.contactproperties.api.customers;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SurveyTest {

    private static final String SURVEY = "/api/v2/survey";
    private static final String REQUESTS = "/api/v2/survey_requests";

    private final String tenant = newTenant();

    private String survey(String campaign, String... emails) {
        StringBuilder customers = new StringBuilder();
        for (String email : emails) {
            customers
                    .append(customers.length() == 0 ? "" : ",")
                    .append("{\"email\": \"")
                    .append(email)
                    .append("\"}");
        }
        return as(tenant)
                .body("{\"campaign\": \"" + campaign + "\", \"customers\": [" + customers + "]}")
                .post(SURVEY)
                .then()
                .statusCode(202)
                .extract()
                .path("results[0].survey_request_id");
    }

    @Test
    void appliesTheCustomersPropertiesLikeCustomersAndQueuesOneSurveyEach() {
        as(tenant)
                .body("""
        {"campaign": "Onboarding NPS", "delay": 2, "customers": [{"email": "johnsmith@example.com", "first_name": "John",
          "last_name": "Smith", "company": "ACME", "tags": ["foo"], "properties": [
          {"label": "Subscription name", "type": "string", "value": "Free trial"}, {"label": "Seats", "type": "integer", "value": 5},
          {"label": "Renewal", "type": "date", "value": "31/12/2019"}]}, {"email": "not-an-email"}]}""")
                .post(SURVEY)
                .then()
                .statusCode(202)
                .body("results[0].status", equalTo("created"))
                .body("results[0].survey_request_id", startsWith("srq_"))
                .body("results[0].errors[0].field", equalTo("customers[0].properties[2].value"))
                .body("results[1].status", equalTo("failed"))
                .body("results[1].survey_request_id", nullValue())
                .body("queued_count", equalTo(1))
                .body("created_count", equalTo(1))
                .body("failed_count", equalTo(1));

        as(tenant)
                .queryParam("email", "johnsmith@example.com")
                .get("/api/v2/customers")
                .then()
                .statusCode(200)
                .body("name", equalTo("John Smith"))
                .body("tags", equalTo(List.of("foo")))
                .body("properties.find { it.label == 'subscription_name' }.value", equalTo("Free trial"))
                .body("properties.find { it.label == 'seats' }.type", equalTo("integer"))
                .body("properties.label", not(hasItem("renewal")));

        JsonPath queued = as(tenant)
                .queryParam("status", "queued")
                .queryParam("campaign", "Onboarding NPS")
                .get(REQUESTS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, queued.getList("survey_requests").size());
        assertEquals("johnsmith@example.com", queued.getString("survey_requests[0].email"));
        Duration wait =
                Duration.between(Instant.now(), Instant.parse(queued.getString("survey_requests[0].send_after")));
        assertTrue(
                wait.compareTo(Duration.ofHours(47)) > 0 && wait.compareTo(Duration.ofHours(49)) < 0, wait::toString);
    }

    @Test
    void pagesTheRequestsOldestFirstAndFiltersThem() {
        List<String> ids = new ArrayList<>(
                List.of(survey("A", "a@example.com"), survey("A", "b@example.com"), survey("A", "c@example.com")));
        survey("B", "d@example.com");
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            var request = as(tenant).queryParam("campaign", "A").queryParam("page_size", 2);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            JsonPath page =
                    request.get(REQUESTS).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("survey_requests.id"));
            token = page.getString("next_page_token");
        } while (token != null);
        assertEquals(ids, seen);
        problem(as(tenant).queryParam("status", "delivered").get(REQUESTS).then(), 400)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void recordsWhatTheDeliveringSystemReports() {
        String id = survey("A", "a@example.com");
        problem(
                        as(tenant)
                                .body("{\"status\": \"done\"}")
                                .post(REQUESTS + "/" + id + "/status")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("status"));
        as(tenant)
                .body("{\"status\": \"failed\", \"reason\": \"Mailbox full\"}")
                .post(REQUESTS + "/" + id + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("reason", equalTo("Mailbox full"));
        as(tenant)
                .body("{\"status\": \"sent\"}")
                .post(REQUESTS + "/" + id + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("sent"));
        problem(
                        as(tenant)
                                .body("{\"status\": \"failed\"}")
                                .post(REQUESTS + "/" + id + "/status")
                                .then(),
                        409)
                .body("detail", containsString("already sent"));
        problem(
                as(newTenant())
                        .body("{\"status\": \"sent\"}")
                        .post(REQUESTS + "/" + id + "/status")
                        .then(),
                404);
        as(newTenant()).get(REQUESTS).then().body("survey_requests.size()", equalTo(0));
        as(tenant).queryParam("status", "sent").get(REQUESTS).then().body("survey_requests[0].id", equalTo(id));
    }

    @Test
    void refusesASurveyWithoutCustomersCampaignOrAWholeDelay() {
        problem(as(tenant).body("{}").post(SURVEY).then(), 400).body("errors[0].field", equalTo("customers"));
        problem(
                        as(tenant)
                                .body("{\"customers\": [{\"email\": \"a@example.com\"}]}")
                                .post(SURVEY)
                                .then(),
                        422)
                .body("errors[0].field", equalTo("campaign"));
        problem(
                        as(tenant)
                                .body(
                                        "{\"campaign\": \"A\", \"delay\": 1.5, \"customers\": [{\"email\": \"a@example.com\"}]}")
                                .post(SURVEY)
                                .then(),
                        422)
                .body("errors[0].field", equalTo("delay"));
        problem(
                        as(tenant)
                                .body(
                                        "{\"campaign\": \"A\", \"delay\": 400, \"customers\": [{\"email\": \"a@example.com\"}]}")
                                .post(SURVEY)
                                .then(),
                        422)
                .body("errors[0].field", equalTo("delay"));
        problem(
                        as(tenant)
                                .body("{\"campaign\": \"A\", \"customers\": []}")
                                .post(SURVEY)
                                .then(),
                        422)
                .body("errors[0].field", equalTo("customers"));
        as(tenant).get(REQUESTS).then().body("survey_requests.size()", equalTo(0));
    }
}
