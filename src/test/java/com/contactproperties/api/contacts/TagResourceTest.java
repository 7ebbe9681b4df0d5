package com.contactproperties.api.contacts;

import static com.contactproperties.support.Tokens.newTenant;
import static com.contactproperties.support.Tokens.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TagResourceTest {

    private static final String ALL = "tag:list tag:create tag:delete";

    private final String tenant = newTenant();

    private RequestSpecification as(String tenantId) {
        return given().auth().oauth2(token(tenantId, ALL.split(" ")));
    }

    private String create(String tenantId, String name) {
        return as(tenantId)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("type", notNullValue());
    }

    @Test
    void createsTagAndAnswersItWith201() {
        var response = as(tenant)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"  VIP \"}")
                .post("/v1/tags")
                .then()
                .statusCode(201);
        String id = response.extract().path("id");
        response.header("Location", endsWith("/v1/tags/" + id))
                .body("id", matchesPattern("tag_[0-9A-HJKMNP-TV-Z]{26}"))
                .body("name", equalTo("VIP"))
                .body("createdBy", equalTo("usr_test"))
                .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"))
                .body("labeledCount", equalTo(0));
    }

    @Test
    void listsTagsOrderedByNameIgnoringCase() {
        create(tenant, "beta");
        create(tenant, "Alpha");
        create(tenant, "gamma");
        as(tenant)
                .get("/v1/tags")
                .then()
                .statusCode(200)
                .body("tags.name", contains("Alpha", "beta", "gamma"))
                .body("tags[0].labeledCount", equalTo(0))
                .body("nextPageToken", nullValue());
    }

    @Test
    void listsNothingForANewTenant() {
        as(tenant).get("/v1/tags").then().statusCode(200).body("tags", empty());
    }

    @Test
    void walksEveryPageExactlyOnce() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            names.add("tag-" + i);
            create(tenant, "tag-" + i);
        }
        List<String> seen = new ArrayList<>();
        String pageToken = null;
        do {
            RequestSpecification request = as(tenant).queryParam("pageSize", 3);
            if (pageToken != null) {
                request.queryParam("pageToken", pageToken);
            }
            var page = request.get("/v1/tags").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("tags.name"));
            pageToken = page.getString("nextPageToken");
        } while (pageToken != null);
        assertEquals(names, seen);
    }

    @Test
    void refusesAPageTokenThatWasTamperedWith() {
        for (int i = 0; i < 3; i++) {
            create(tenant, "t" + i);
        }
        String pageToken = as(tenant)
                .queryParam("pageSize", 1)
                .get("/v1/tags")
                .then()
                .extract()
                .path("nextPageToken");
        String tampered = (pageToken.charAt(0) == 'A' ? "B" : "A") + pageToken.substring(1);
        for (String bad : List.of(tampered, "garbage", "a.b", pageToken + "x")) {
            problem(as(tenant).queryParam("pageToken", bad).get("/v1/tags").then(), 400)
                    .body("errors[0].field", equalTo("pageToken"));
        }
    }

    @Test
    void refusesPageSizesOutsideOneToFiveHundred() {
        for (String size : List.of("0", "501", "-1", "abc", "1.5")) {
            problem(as(tenant).queryParam("pageSize", size).get("/v1/tags").then(), 400)
                    .body("errors[0].field", equalTo("pageSize"));
        }
        as(tenant).queryParam("pageSize", 500).get("/v1/tags").then().statusCode(200);
    }

    @Test
    void refusesADuplicateNameInAnyCase() {
        String id = create(tenant, "Order Ready");
        problem(
                        as(tenant)
                                .contentType(ContentType.JSON)
                                .body("{\"name\": \"order ready\"}")
                                .post("/v1/tags")
                                .then(),
                        409)
                .body("detail", matchesPattern(".*already exists.*" + id + ".*"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void letsTwoTenantsUseTheSameName() {
        create(tenant, "Shared");
        create(newTenant(), "Shared");
    }

    @Test
    void refusesNamesThatAreEmptyTooLongOrHaveControlCharacters() {
        for (String name : List.of("", "   ", "x".repeat(101), "bad\\u0007name")) {
            problem(
                            as(tenant)
                                    .contentType(ContentType.JSON)
                                    .body("{\"name\": \"" + name + "\"}")
                                    .post("/v1/tags")
                                    .then(),
                            422)
                    .body("errors[0].field", equalTo("name"));
        }
        problem(
                        as(tenant)
                                .contentType(ContentType.JSON)
                                .body("{}")
                                .post("/v1/tags")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("is required"));
        create(tenant, "y".repeat(100));
    }

    @Test
    void answersMalformedBodiesWithProblems() {
        problem(
                        as(tenant)
                                .contentType(ContentType.JSON)
                                .body("{\"name\": ")
                                .post("/v1/tags")
                                .then(),
                        400)
                .body("detail", matchesPattern("(?s).*not valid JSON.*"));
        problem(
                        as(tenant)
                                .contentType(ContentType.JSON)
                                .body("{\"name\": {\"a\": 1}}")
                                .post("/v1/tags")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("name"));
        problem(
                        as(tenant)
                                .contentType(ContentType.JSON)
                                .body("{\"name\": [1]}")
                                .post("/v1/tags")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("name"));
        problem(
                        as(tenant)
                                .contentType(ContentType.JSON)
                                .body("{\"name\": \"a\", \"colour\": \"red\"}")
                                .post("/v1/tags")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("colour"));
        problem(
                as(tenant)
                        .contentType(ContentType.JSON)
                        .body("[]")
                        .post("/v1/tags")
                        .then(),
                400);
        problem(as(tenant).contentType(ContentType.JSON).post("/v1/tags").then(), 400)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void answersWrongContentTypeMethodAndRouteWithProblems() {
        problem(
                as(tenant)
                        .contentType(ContentType.TEXT)
                        .body("name=VIP")
                        .post("/v1/tags")
                        .then(),
                415);
        problem(
                as(tenant)
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .put("/v1/tags")
                        .then(),
                405);
        problem(as(tenant).get("/v1/no-such-thing").then(), 404);
        problem(given().get("/no-such-thing").then(), 404);
    }

    @Test
    void refusesAnOversizedBody() {
        String huge = "{\"name\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        var response = as(tenant)
                .contentType(ContentType.JSON)
                .body(huge)
                .post("/v1/tags")
                .then();
        problem(response, 413);
    }

    @Test
    void deletesATagOnceThenAnswers404() {
        String id = create(tenant, "Temporary");
        as(tenant).delete("/v1/tags/" + id).then().statusCode(204);
        problem(as(tenant).delete("/v1/tags/" + id).then(), 404);
        as(tenant).get("/v1/tags").then().body("tags.id", not(hasItem(id)));
        problem(as(tenant).delete("/v1/tags/tag_unknown").then(), 404);
    }

    @Test
    void neverShowsOrDeletesAnotherTenantsTag() {
        String id = create(tenant, "Private");
        String other = newTenant();
        as(other).get("/v1/tags").then().statusCode(200).body("tags", empty());
        problem(as(other).delete("/v1/tags/" + id).then(), 404);
        as(tenant).get("/v1/tags").then().body("tags.id", contains(id));
    }
}
