package com.contactproperties.api.contacts;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import com.contactproperties.property.PropertyType;
import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomFieldResourceTest {

    private static final String CONTACTS = "/v1/contacts/custom-fields";
    private static final String PROPERTIES = "/v1/properties/custom-fields";
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z";

    @Inject
    Database database;

    private final String tenant = newTenant();

    @Test
    void createsTheContactFieldOfTheSeed() {
        as(tenant)
                .body("{\"name\": \"Lifecycle stage\", \"type\": \"text\"}")
                .post(CONTACTS)
                .then()
                .statusCode(201)
                .header("Location", containsString(CONTACTS + "/cf_lifecycle_stage"))
                .body("id", equalTo("cf_lifecycle_stage"))
                .body("name", equalTo("Lifecycle stage"))
                .body("type", equalTo("text"))
                .body("createdAt", matchesPattern(TIMESTAMP))
                .body("createdBy", equalTo("usr_test"))
                .body("predefined", equalTo(false))
                .body("entityType", equalTo("contact"));
    }

    @Test
    void createsAndRenamesThePropertyFieldOfTheSeed() {
        as(tenant)
                .body("{\"name\": \"Region\", \"type\": \"text\"}")
                .post(PROPERTIES)
                .then()
                .statusCode(201)
                .body("id", equalTo("cf_region"))
                .body("entityType", equalTo("property"));
        as(tenant)
                .body("{\"name\": \"Region\", \"type\": \"text\"}")
                .patch(PROPERTIES + "/cf_region")
                .then()
                .statusCode(200)
                .body("id", equalTo("cf_region"))
                .body("name", equalTo("Region"))
                .body("type", equalTo("text"))
                .body("entityType", equalTo("property"));
        as(tenant)
                .body("{\"name\": \"Sales region\"}")
                .patch(PROPERTIES + "/cf_region")
                .then()
                .statusCode(200)
                .body("id", equalTo("cf_region"))
                .body("name", equalTo("Sales region"))
                .body("type", equalTo("text"));
        as(tenant).get(PROPERTIES).then().statusCode(200).body("customFields.id", contains("cf_region"));
    }

    @Test
    void keepsContactAndPropertyFieldsApart() {
        as(tenant)
                .body("{\"name\": \"Region\", \"type\": \"text\"}")
                .post(PROPERTIES)
                .then()
                .statusCode(201);
        as(tenant)
                .body("{\"name\": \"Region\", \"type\": \"date\"}")
                .post(CONTACTS)
                .then()
                .statusCode(201)
                .body("id", equalTo("cf_region"))
                .body("type", equalTo("date"));
        as(tenant)
                .get(CONTACTS)
                .then()
                .body("customFields.id", contains("cf_email", "cf_phone", "cf_region"))
                .body("customFields[0].predefined", equalTo(true));
        as(tenant).get(PROPERTIES + "/cf_region").then().statusCode(200).body("type", equalTo("text"));
    }

    @Test
    void acceptsAllTenTypes() {
        for (PropertyType type : PropertyType.values()) {
            String choices = type.hasChoices() ? ", \"choices\": [\"A\", \"B\"]" : "";
            as(tenant)
                    .body("{\"name\": \"Field " + type.wire() + "\", \"type\": \"" + type.wire() + "\"" + choices + "}")
                    .post(CONTACTS)
                    .then()
                    .statusCode(201)
                    .body("type", equalTo(type.wire()));
        }
        as(tenant)
                .get(CONTACTS + "/cf_field_single_choice")
                .then()
                .statusCode(200)
                .body("choices", contains("A", "B"));
    }

    @Test
    void showsADefinitionOnEverySurfaceWithItsOwnSpelling() {
        as(tenant)
                .body("{\"name\": \"Lifecycle stage\", \"type\": \"text\"}")
                .post(CONTACTS)
                .then()
                .statusCode(201);
        as(tenant)
                .get("/api/v1/contact_properties/lifecycle-stage")
                .then()
                .statusCode(200)
                .body("contact_property.title", equalTo("Lifecycle stage"));
        as(tenant).get(CONTACTS + "/lifecycleStage").then().statusCode(200).body("id", equalTo("cf_lifecycle_stage"));
    }

    @Test
    void refusesInvalidFieldsNamingThem() {
        problem(as(tenant).body("{\"name\": \"Stage\"}").post(CONTACTS).then(), 422)
                .body("errors[0].field", equalTo("type"));
        problem(as(tenant).body("{\"type\": \"text\"}").post(CONTACTS).then(), 422)
                .body("errors[0].field", equalTo("name"));
        problem(
                        as(tenant)
                                .body("{\"name\": \"Stage\", \"type\": \"money\"}")
                                .post(CONTACTS)
                                .then(),
                        422)
                .body("errors[0].message", containsString("single_choice"));
        problem(
                        as(tenant)
                                .body("{\"name\": \"Stage\", \"type\": \"text\", \"colour\": 1}")
                                .post(CONTACTS)
                                .then(),
                        400)
                .body("errors[0].field", equalTo("colour"));
        problem(as(tenant).body("{\"name\": 5, \"type\": {}}").post(CONTACTS).then(), 400)
                .body("errors[0].field", notNullValue());
        problem(as(tenant).post(CONTACTS).then(), 400);
    }

    @Test
    void refusesADuplicateName() {
        as(tenant)
                .body("{\"name\": \"Stage\", \"type\": \"text\"}")
                .post(CONTACTS)
                .then()
                .statusCode(201);
        problem(
                        as(tenant)
                                .body("{\"name\": \"stage\", \"type\": \"date\"}")
                                .post(CONTACTS)
                                .then(),
                        409)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void deletesAFieldButNeverAPredefinedOne() {
        as(tenant)
                .body("{\"name\": \"Stage\", \"type\": \"text\"}")
                .post(CONTACTS)
                .then()
                .statusCode(201);
        as(tenant).delete(CONTACTS + "/cf_stage").then().statusCode(204);
        problem(as(tenant).get(CONTACTS + "/cf_stage").then(), 404);
        problem(as(tenant).delete(CONTACTS + "/cf_email").then(), 409);
        problem(
                        as(tenant)
                                .body("{\"type\": \"text\"}")
                                .patch(CONTACTS + "/cf_phone")
                                .then(),
                        409)
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void retypesStoredValuesClearingAndRecordingThoseThatDoNotConvert() {
        as(tenant)
                .body("{\"name\": \"Score\", \"type\": \"text\"}")
                .post(CONTACTS)
                .then()
                .statusCode(201);
        database.insertContact(tenant, "con_a", "{\"score\": \"42\"}");
        database.insertContact(tenant, "con_b", "{\"score\": \"high\"}");
        database.insertContact(tenant, "con_c", "{}");
        String task = as(tenant)
                .body("{\"type\": \"number\"}")
                .patch(CONTACTS + "/cf_score")
                .then()
                .statusCode(200)
                .body("type", equalTo("number"))
                .body("retypeTaskId", notNullValue())
                .extract()
                .path("retypeTaskId");
        io.restassured.path.json.JsonPath done = awaitTask(tenant, "property_retype");
        org.junit.jupiter.api.Assertions.assertEquals(task, done.getString("id"));
        org.junit.jupiter.api.Assertions.assertEquals(2, done.getInt("processed_count"));
        org.junit.jupiter.api.Assertions.assertEquals(1, done.getInt("failed_count"));
        org.junit.jupiter.api.Assertions.assertEquals("con_b", done.getString("errors[0].identifier"));
        as(tenant).get("/v1/contacts/con_a").then().body("customFields.score", equalTo(42));
        as(tenant).get("/v1/contacts/con_b").then().body("customFields.size()", equalTo(0));
        as(tenant)
                .queryParam("dryRun", "true")
                .body("{\"type\": \"boolean\"}")
                .patch(CONTACTS + "/cf_score")
                .then()
                .statusCode(200)
                .body("type", equalTo("number"))
                .body("dryRun.wouldConvert", equalTo(0))
                .body("dryRun.wouldClear", equalTo(1));
    }

    @Test
    void changesTypeAtOnceWhenNoContactHoldsAValue() {
        as(tenant)
                .body("{\"name\": \"Renewal\", \"type\": \"date\"}")
                .post(CONTACTS)
                .then()
                .statusCode(201);
        as(tenant)
                .body("{\"type\": \"text\"}")
                .patch(CONTACTS + "/cf_renewal")
                .then()
                .statusCode(200)
                .body("type", equalTo("text"))
                .body("retypeTaskId", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void neverReachesAnotherTenantsField() {
        as(tenant)
                .body("{\"name\": \"Stage\", \"type\": \"text\"}")
                .post(CONTACTS)
                .then()
                .statusCode(201);
        String other = newTenant();
        problem(as(other).get(CONTACTS + "/cf_stage").then(), 404);
        problem(
                as(other)
                        .body("{\"name\": \"X\"}")
                        .patch(CONTACTS + "/cf_stage")
                        .then(),
                404);
        problem(as(other).delete(CONTACTS + "/cf_stage").then(), 404);
        as(other).get(CONTACTS).then().body("customFields.id", contains("cf_email", "cf_phone"));
    }

    @Test
    void enforcesTheCustomFieldScopes() {
        problem(as(tenant, "custom_field:create").get(CONTACTS).then(), 403);
        problem(
                as(tenant, "custom_field:list")
                        .body("{\"name\": \"A\", \"type\": \"text\"}")
                        .post(PROPERTIES)
                        .then(),
                403);
        problem(
                as(tenant, "custom_field:list")
                        .body("{}")
                        .patch(CONTACTS + "/cf_email")
                        .then(),
                403);
        problem(as(tenant, "custom_field:list").delete(CONTACTS + "/cf_email").then(), 403);
        as(tenant, "custom_field:list").get(PROPERTIES).then().statusCode(200);
    }

    @Test
    void answersAnUnknownEntitySegmentWith404() {
        problem(as(tenant).get("/v1/widgets/custom-fields").then(), 404);
        as(tenant).get(CONTACTS).then().body("customFields.id", hasItem("cf_email"));
    }
}
