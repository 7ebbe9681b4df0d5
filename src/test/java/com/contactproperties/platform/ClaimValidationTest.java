package com.contactproperties.platform;

import static com.contactproperties.support.Tokens.claims;
import static com.contactproperties.support.Tokens.newTenant;
import static com.contactproperties.support.Tokens.sign;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signed tokens whose {@code tid}, {@code sub} or {@code iat} the service must not trust: each is a
 * 401 problem on the REST surfaces and on /mcp alike, never a 500 and never a tenant of its own.
 */
@QuarkusTest
class ClaimValidationTest {

    private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    static final String INITIALIZE = "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": "
            + "{\"protocolVersion\": \"2025-06-18\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"test\", \"version\": \"1\"}}}";

    private final String tenant = newTenant();

    /** The JSON values a {@code tid} or {@code sub} must never be. */
    static Stream<String> badIdentifiers() {
        return Stream.of(
                "null",
                "123",
                "[\"tn_a\"]",
                "{\"id\":\"tn_a\"}",
                "true",
                "\"\"",
                "\"   \"",
                "\"" + "a".repeat(65) + "\"",
                "\"tn/a\"",
                "\"tn a\"",
                "\"tn;a\"",
                "\"tn\\u00e9\"",
                "\"tn\\u0000\"");
    }

    @ParameterizedTest
    @MethodSource("badIdentifiers")
    void refusesATenantClaimOfTheWrongShape(String tid) {
        assertRefusedEverywhere(withClaim("tid", "\"" + tenant + "\"", tid));
    }

    @ParameterizedTest
    @MethodSource("badIdentifiers")
    void refusesASubjectClaimOfTheWrongShape(String sub) {
        assertRefusedEverywhere(withClaim("sub", "\"usr\"", sub));
    }

    @Test
    void refusesATokenIssuedAnHourAhead() {
        Instant ahead = Instant.now().plusSeconds(3600);
        assertRefusedEverywhere(
                sign(claims(tenant, "owner", "tag:list").issuedAt(ahead).expiresAt(ahead.plusSeconds(600))));
    }

    @Test
    void acceptsATokenIssuedWithinTheClockLeeway() {
        Instant ahead = Instant.now().plusSeconds(20);
        String token = sign(claims(tenant, "owner", "tag:list").issuedAt(ahead).expiresAt(ahead.plusSeconds(600)));
        given().auth().oauth2(token).get("/v1/tags").then().statusCode(200);
    }

    @Test
    void acceptsWellFormedClaims() {
        String token = RawJwt.rs256(
                HEADER,
                RawJwt.validPayload("Tn-1.a_" + "b".repeat(57))
                        .replace("\"sub\":\"usr\"", "\"sub\":\"auth0|user@example.com:+1\""));
        given().auth().oauth2(token).get("/v1/tags").then().statusCode(200);
        mcpInitialize(token).statusCode(200).header("Mcp-Session-Id", not(equalTo("")));
    }

    @Test
    void refusesAnMcpRequestWithoutTokenWithTheSameProblem() {
        assertUnauthorizedProblem(given().contentType(ContentType.JSON)
                .accept("application/json, text/event-stream")
                .body(INITIALIZE)
                .post("/mcp")
                .then());
    }

    @Test
    void documentsTheClaimsAlphabetInTheApiDescription() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.securitySchemes.bearerAuth.description", containsString("[A-Za-z0-9_.-]"));
    }

    /** A valid token of the test tenant with one claim's JSON value replaced. */
    private String withClaim(String name, String valid, String replacement) {
        String payload = RawJwt.validPayload(tenant);
        return RawJwt.rs256(HEADER, payload.replace("\"" + name + "\":" + valid, "\"" + name + "\":" + replacement));
    }

    private static void assertRefusedEverywhere(String token) {
        assertUnauthorizedProblem(given().auth().oauth2(token).get("/v1/tags").then());
        assertUnauthorizedProblem(
                given().auth().oauth2(token).get("/api/v1/contact_properties").then());
        assertUnauthorizedProblem(mcpInitialize(token));
    }

    static ValidatableResponse mcpInitialize(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .accept("application/json, text/event-stream")
                .body(INITIALIZE)
                .post("/mcp")
                .then();
    }

    private static void assertUnauthorizedProblem(ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer "))
                .header("WWW-Authenticate", containsString("resource_metadata="))
                .body("status", equalTo(401))
                .body("type", equalTo("/problems/unauthorized"))
                .body(not(containsString("Exception")));
    }
}
