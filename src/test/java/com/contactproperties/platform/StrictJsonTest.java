package com.contactproperties.platform;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A request body is exactly one JSON value whose text can be stored: trailing content, half of a
 * surrogate pair and a missing body are 400s naming the body or the field, and nothing is written.
 */
@QuarkusTest
class StrictJsonTest {

    private final String tenant = newTenant();

    private void assertNothingStored() {
        as(tenant).get("/v1/contacts/count").then().statusCode(200).body("totalSize", equalTo(0));
        as(tenant).get("/v1/tags").then().statusCode(200).body("tags.size()", equalTo(0));
    }

    @Test
    void refusesTrailingContentAfterTheBody() {
        problem(
                        as(tenant)
                                .body("{\"name\": \"x\"} {\"name\": \"y\"}")
                                .post("/v1/tags")
                                .then(),
                        400)
                .body("type", equalTo("/problems/invalid-json"))
                .body("errors[0].field", equalTo("body"))
                .body("detail", containsString("more content after it"));
        problem(
                        as(tenant)
                                .body("{\"name\": \"Ann\"} garbage")
                                .post("/v1/contacts")
                                .then(),
                        400)
                .body("type", equalTo("/problems/invalid-json"));
        assertNothingStored();
    }

    @Test
    void refusesALoneSurrogateNamingTheField() {
        problem(as(tenant).body("{\"name\": \"x\\uDC00\"}").post("/v1/tags").then(), 400)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", containsString("unpaired surrogate"));
        // In a key, the JSON reader itself refuses the broken pair.
        problem(
                        as(tenant)
                                .body("{\"name\": \"Ann\", \"customFields\": {\"k\\uD800\": \"v\"}}")
                                .post("/v1/contacts")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("body"))
                .body("detail", containsString("surrogate"));
        problem(
                        as(tenant)
                                .body("{\"name\": \"Ann\", \"customFields\": {\"city\": \"\\uDE00x\"}}")
                                .post("/v1/contacts")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("customFields.city"))
                .body("errors[0].message", containsString("unpaired surrogate"));
        problem(
                        as(tenant)
                                .body("{\"name\": \"Ann\\uD83D\"}")
                                .post("/v1/contacts")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("name"));
        assertNothingStored();
        // A whole pair is one character, stored as it was sent.
        as(tenant)
                .body("{\"name\": \"Ann \\uD83D\\uDE00\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .body("name", equalTo("Ann \uD83D\uDE00"));
    }

    @Test
    void refusesAContactWithoutABody() {
        problem(as(tenant).post("/v1/contacts").then(), 400).body("errors[0].field", equalTo("body"));
        problem(as(tenant).body("null").post("/v1/contacts").then(), 400).body("errors[0].field", equalTo("body"));
        assertNothingStored();
        as(tenant).body("{}").post("/v1/contacts").then().statusCode(201);
    }
}
