package com.contactproperties.api.contacts;

import static io.restassured.RestAssured.given;

import com.contactproperties.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operation that answers 204 documents a body only for its errors (problem+json), so generated
 * clients send that as Accept; it, application/json and no Accept at all must all get the 204.
 */
@QuarkusTest
class NoContentAcceptTest {

    private static final String SCOPES =
            "contact:create contact:update contact:delete tag:create tag:delete custom_field:create "
                    + "custom_field:delete";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/problem+json",
                "application/json",
                "application/json, application/problem+json",
                "*/*"
            })
    void answersEveryNoContentOperationWithTheAcceptAGeneratedClientSends(String accept) {
        String token = Tokens.token(Tokens.newTenant(), SCOPES.split(" "));
        String contact = as(token, "application/json")
                .body("{\"name\": \"Anna\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String tag = as(token, "application/json")
                .body("{\"name\": \"VIP\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(token, "application/json")
                .body("{\"name\": \"Region\", \"type\": \"text\"}")
                .post("/v1/contacts/custom-fields")
                .then()
                .statusCode(201);

        as(token, accept).post("/v1/contacts/" + contact + "/archive").then().statusCode(204);
        as(token, accept).post("/v1/contacts/" + contact + "/unarchive").then().statusCode(204);
        as(token, accept)
                .body("{\"value\": \"North\"}")
                .put("/v1/contacts/" + contact + "/custom-fields/region")
                .then()
                .statusCode(204);
        as(token, accept)
                .post("/v1/contacts/" + contact + "/tags/" + tag)
                .then()
                .statusCode(204);
        as(token, accept)
                .delete("/v1/contacts/" + contact + "/tags/" + tag)
                .then()
                .statusCode(204);
        as(token, accept).delete("/v1/contacts/custom-fields/region").then().statusCode(204);
        as(token, accept).delete("/v1/tags/" + tag).then().statusCode(204);
        as(token, accept).delete("/v1/contacts/" + contact).then().statusCode(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "application/json"})
    void answersAFailedNoContentOperationWithAProblem(String accept) {
        String token = Tokens.token(Tokens.newTenant(), SCOPES.split(" "));
        as(token, accept)
                .post("/v1/contacts/con_missing/archive")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static RequestSpecification as(String token, String accept) {
        return given().auth().oauth2(token).contentType("application/json").accept(accept);
    }
}
