package com.contactproperties.platform.ratelimit;

import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static com.contactproperties.support.Tokens.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant budgets, made small here (the test profile's own are too large to reach): 3 reads and
 * 5 writes an hour, and 2 new MCP sessions an hour, so that nothing refills during a test.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBudgets.class)
class RateLimitTest {

    /** Budgets small enough to spend in a test. */
    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "contact-properties.rate-limit.reads",
                    "3",
                    "contact-properties.rate-limit.writes",
                    "5",
                    "contact-properties.rate-limit.period",
                    "PT1H",
                    "contact-properties.rate-limit.mcp-sessions",
                    "2",
                    "contact-properties.rate-limit.mcp-sessions-period",
                    "PT1H");
        }
    }

    private static final String INITIALIZE =
            "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": "
                    + "{\"protocolVersion\": \"2025-06-18\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"test\", \"version\": \"1\"}}}";

    private final String tenant = newTenant();

    private static ValidatableResponse listTags(String tenant) {
        return given().auth().oauth2(token(tenant, "tag:list")).get("/v1/tags").then();
    }

    private static ValidatableResponse createTag(String tenant, String name) {
        return given().auth()
                .oauth2(token(tenant, "tag:create"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}")
                .post("/v1/tags")
                .then();
    }

    private static ValidatableResponse initialize(String tenant, String sessionId) {
        var request = given().auth()
                .oauth2(token(tenant, "tag:list"))
                .contentType(ContentType.JSON)
                .accept("application/json, text/event-stream");
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return request.body(INITIALIZE).post("/mcp").then();
    }

    private void spendReads(String tenant) {
        for (int i = 0; i < 3; i++) {
            listTags(tenant).statusCode(200);
        }
    }

    @Test
    void successfulAnswersCarryTheRateLimitHeaders() {
        listTags(tenant)
                .statusCode(200)
                .header("RateLimit-Limit", "3")
                .header("RateLimit-Remaining", "2")
                .header("RateLimit-Reset", matchesPattern("[1-9][0-9]*"));
        createTag(tenant, "first")
                .statusCode(201)
                .header("RateLimit-Limit", "5")
                .header("RateLimit-Remaining", "4");
    }

    @Test
    void refusesAReadOverTheBudgetWithAProblemThatSaysWhenToRetry() {
        spendReads(tenant);
        problem(listTags(tenant), 429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Limit", "3")
                .header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("/problems/rate-limited"));
    }

    @Test
    void writesHaveTheirOwnBudget() {
        spendReads(tenant);
        listTags(tenant).statusCode(429);
        for (int i = 0; i < 5; i++) {
            createTag(tenant, "tag" + i).statusCode(201);
        }
        problem(createTag(tenant, "one-too-many"), 429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Limit", "5")
                .header("RateLimit-Remaining", "0");
    }

    @Test
    void anotherTenantKeepsItsBudget() {
        spendReads(tenant);
        listTags(tenant).statusCode(429);
        listTags(newTenant()).statusCode(200).header("RateLimit-Remaining", "2");
    }

    @Test
    void refusesAnMcpSessionOverTheSessionBudget() {
        String session = initialize(tenant, null).statusCode(200).extract().header("Mcp-Session-Id");
        initialize(tenant, null).statusCode(200);
        problem(initialize(tenant, null), 429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Limit", "2")
                .header("RateLimit-Remaining", "0");
        // A request within an open session opens none: it draws from the write budget only.
        given().auth()
                .oauth2(token(tenant, "tag:list"))
                .contentType(ContentType.JSON)
                .accept("application/json, text/event-stream")
                .header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"ping\"}")
                .post("/mcp")
                .then()
                .statusCode(200)
                .header("RateLimit-Limit", "5");
    }

    @Test
    void neverCountsARefusedToken() {
        for (int i = 0; i < 5; i++) {
            problem(given().auth().oauth2("not.a.token").get("/v1/tags").then(), 401);
        }
        listTags(tenant).statusCode(200).header("RateLimit-Remaining", "2");
    }
}
