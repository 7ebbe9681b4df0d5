package com.contactproperties.api;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.support.Database;
import com.contactproperties.support.Races;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A retry with the same Idempotency-Key and body answers exactly what the first request answered: the
 * stored domain result is rendered again by the surface, status and body alike.
 */
@QuarkusTest
class IdempotentReplayTest {

    @Inject
    Database database;

    private final String tenant = newTenant();

    private Response send(String key, String body, String path) {
        return as(tenant).header("Idempotency-Key", key).body(body).when().request(method(path), path);
    }

    private static String method(String path) {
        return path.endsWith("/bulk") ? "PUT" : "POST";
    }

    @Test
    void replaysTheWholeAnswerOfABulkUpdateWithItsNotFoundAndInvalidEntries() {
        as(tenant)
                .body("{\"email\": \"replay@example.com\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201);
        String body = """
          {"contacts": [{"email": "replay@example.com", "contact": {"language": "de"}},
           {"email": "ghost@example.com", "contact": {"language": "de"}},
           {"email": "replay@example.com", "contact": {"language": "not a language"}}]}""";
        Response first = send("replay-bulk", body, "/api/v1/contacts/bulk");
        first.then().statusCode(202).body("not_found_count", equalTo(1)).body("invalid_count", equalTo(1));
        Response retry = send("replay-bulk", body, "/api/v1/contacts/bulk");
        assertEquals(202, retry.statusCode());
        assertEquals(first.jsonPath().getMap("$"), retry.jsonPath().getMap("$"));
        awaitTask(tenant, "bulk_update");
        as(tenant).get("/api/v1/batch_tasks").then().body("batch_tasks.size()", equalTo(1));
    }

    @Test
    void replaysTheWholeAnswerOfACustomerUpsert() {
        String body = """
          {"subscribers": [{"email": "upsert-replay@example.com", "first_name": "Ann",
            "properties": [{"label": "Plan", "value": "Pro"}]}, {"email": "not an email"}]}""";
        Response first = send("replay-customers", body, "/api/v2/customers");
        first.then().statusCode(200).body("created_count", equalTo(1)).body("failed_count", equalTo(1));
        Response retry = send("replay-customers", body, "/api/v2/customers");
        assertEquals(200, retry.statusCode());
        assertEquals(first.jsonPath().getMap("$"), retry.jsonPath().getMap("$"));
    }

    @Test
    void replaysTheWholeAnswerOfASurvey() {
        String body = """
          {"customers": [{"email": "survey-replay@example.com"}], "campaign": "NPS", "delay": 2}""";
        Response first = send("replay-survey", body, "/api/v2/survey");
        first.then().statusCode(202).body("queued_count", equalTo(1));
        Response retry = send("replay-survey", body, "/api/v2/survey");
        assertEquals(202, retry.statusCode());
        assertEquals(first.jsonPath().getMap("$"), retry.jsonPath().getMap("$"));
        as(tenant).get("/api/v2/survey_requests").then().body("survey_requests.size()", equalTo(1));
    }

    @Test
    void queuesOneSurveyForOneIdempotencyKeyRacedBySixteenRequests() throws Exception {
        String body = """
          {"customers": [{"email": "survey-race@example.com"}], "campaign": "NPS"}""";
        List<Response> answers = Races.race(i -> send("survey-race", body, "/api/v2/survey"));
        Races.assertOnly(answers, Set.of(202, 409));
        Set<Object> bodies = answers.stream()
                .filter(r -> r.statusCode() == 202)
                .map(r -> r.jsonPath().get())
                .collect(Collectors.toSet());
        assertEquals(1, bodies.size(), "every success is the one first answer: " + bodies);
        as(tenant).get("/api/v2/survey_requests").then().body("survey_requests.size()", equalTo(1));
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(1));
    }

    @Test
    void refusesAKeyStoredBeforeResultsWereKeptAsDomainResults() {
        String body = "{\"subscribers\": [{\"email\": \"legacy@example.com\"}]}";
        send("legacy-key", body, "/api/v2/customers").then().statusCode(200);
        // A row as the service wrote it before: an HTTP status and a rendered body.
        database.execute(
                "update idempotency_keys set status = 200 where tenant_id = $1 and key = $2", tenant, "legacy-key");
        problem(send("legacy-key", body, "/api/v2/customers").then(), 422)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }
}
