package com.contactproperties.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.contactproperties.platform.dev.DevToken;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;

/** Request and answer helpers shared by the API tests. */
public final class Requests {

    private Requests() {}

    /** A JSON request of an owner of the tenant with the given scopes (every scope when none given). */
    public static RequestSpecification as(String tenant, String... scopes) {
        String[] granted = scopes.length == 0 ? DevToken.ALL_SCOPES.toArray(String[]::new) : scopes;
        return given().auth().oauth2(Tokens.token(tenant, granted)).contentType(ContentType.JSON);
    }

    /** Waits, bounded, until the tenant's newest task of the type has ended, and answers it as read by id. */
    public static JsonPath awaitTask(String tenant, String type) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonPath list = as(tenant)
                    .queryParam("task_type", type)
                    .get("/api/v1/batch_tasks")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String status = list.getString("batch_tasks[0].status");
            if (status != null && !status.equals("pending") && !status.equals("processing")) {
                return as(tenant)
                        .get("/api/v1/batch_tasks/" + list.getString("batch_tasks[0].id"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("task " + type + " did not end in time");
    }

    /** Asserts an RFC 9457 problem with the status, and answers the response for further checks. */
    public static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("type", notNullValue());
    }
}
