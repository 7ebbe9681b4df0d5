package com.contactproperties.platform;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL cannot store the NUL character (U+0000). Wherever a request carries one (a JSON
 * string or key on any surface, the path, the query) the answer is a 400 problem naming the field,
 * and nothing is written.
 */
@QuarkusTest
class NulCharacterTest {

    private final String tenant = newTenant();

    @BeforeEach
    void defineProperties() {
        as(tenant)
                .body("{\"name\": \"City\", \"type\": \"text\"}")
                .post("/v1/contacts/custom-fields")
                .then()
                .statusCode(201);
    }

    private static ValidatableResponse refused(ValidatableResponse response, String field) {
        return problem(response, 400)
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString("NUL character (U+0000)"));
    }

    private void assertNoContact() {
        as(tenant).get("/v1/contacts/count").then().statusCode(200).body("totalSize", equalTo(0));
    }

    @Test
    void refusesANulInAnyStringOfAJsonBody() {
        refused(
                as(tenant)
                        .body("{\"name\": \"Ann\", \"customFields\": {\"city\": \"Gda\\u0000nsk\"}}")
                        .post("/v1/contacts")
                        .then(),
                "customFields.city");
        refused(
                as(tenant)
                        .body(
                                "{\"name\": \"Ann\", \"identities\": [{\"channel\": \"whatsapp\", \"metadata\": {\"notes\": [\"ok\", \"x\\u0000\"]}}]}")
                        .post("/v1/contacts")
                        .then(),
                "identities[0].metadata.notes[1]");
        refused(
                as(tenant)
                        .body(
                                "{\"name\": \"Ann\", \"identities\": [{\"channel\": \"whatsapp\", \"metadata\": {\"k\\u0000\": 1}}]}")
                        .post("/v1/contacts")
                        .then(),
                "identities[0].metadata.k\u0000");
        refused(
                as(tenant)
                        .body("{\"email\": \"ann\\u0000@example.com\"}")
                        .post("/v1/contacts")
                        .then(),
                "email");
        assertNoContact();
        refused(
                as(tenant)
                        .body(
                                "{\"name\": \"Plan\", \"type\": \"single_choice\", \"choices\": [\"Free\", \"Pro\\u0000\"]}")
                        .post("/v1/contacts/custom-fields")
                        .then(),
                "choices[1]");
        refused(
                as(tenant)
                        .body("{\"subscribers\": [{\"email\": \"ann@example.com\", \"tags\": [\"vip\\u0000\"]}]}")
                        .post("/api/v2/customers")
                        .then(),
                "subscribers[0].tags[0]");
        refused(
                as(tenant)
                        .body(
                                "{\"contacts\": [{\"email\": \"ann@example.com\", \"contact\": {\"custom_properties\": {\"city\": \"\\u0000\"}}}]}")
                        .put("/api/v1/contacts/bulk")
                        .then(),
                "contacts[0].contact.custom_properties.city");
        assertNoContact();
    }

    @Test
    void refusesANulInThePathOrTheQuery() {
        refused(
                as(tenant)
                        .urlEncodingEnabled(false)
                        .get("/v1/contacts?search=a%00b")
                        .then(),
                "search");
        refused(
                as(tenant)
                        .urlEncodingEnabled(false)
                        .get("/v1/contacts?customFields%5Bcity%5D=a%00b")
                        .then(),
                "customFields[city]");
        refused(as(tenant).urlEncodingEnabled(false).get("/v1/contacts/con_%00").then(), "path");
        // Inside a JSON filter the NUL is an escape sequence, read only when the value is typed.
        problem(
                        as(tenant)
                                .queryParam("customFields", "{\"city\": \"a\\u0000\"}")
                                .get("/v1/contacts")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("customFields[city]"))
                .body("errors[0].message", containsString("NUL character"));
        // A percent sign followed by zeros is only text.
        as(tenant).queryParam("search", "%00").get("/v1/contacts").then().statusCode(200);
    }
}
