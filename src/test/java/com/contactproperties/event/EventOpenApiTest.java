package com.contactproperties.event;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventOpenApiTest {

    @Test
    void documentsEachEventTypeAsANamedSchemaWithItsData() throws Exception {
        JsonNode schemas = new ObjectMapper()
                .readTree(given().get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .path("components")
                .path("schemas");
        for (String type : EventTypes.ALL) {
            String[] parts = type.split("\\.");
            String name = Character.toUpperCase(parts[0].charAt(0)) + parts[0].substring(1)
                    + Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1) + "Event";
            JsonNode schema = schemas.path(name);
            assertFalse(schema.isMissingNode(), name);
            assertEquals(
                    "#/components/schemas/Event", schema.at("/allOf/0/$ref").asText(), name);
            assertEquals(type, schema.at("/allOf/1/properties/type/enum/0").asText(), name);
        }
        assertEquals(
                "#/components/schemas/ContactEventData",
                schemas.at("/ContactUpdatedEvent/allOf/1/properties/data/$ref").asText());
        assertEquals(
                "#/components/schemas/FieldChange",
                schemas.at("/ContactEventData/properties/changes/additionalProperties/$ref")
                        .asText());
        assertFalse(schemas.path("EventPage").isMissingNode());
    }
}
