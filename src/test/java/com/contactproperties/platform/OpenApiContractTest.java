package com.contactproperties.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.support.SchemaCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document is one a client generator can trust (DESIGN.md section 8): named
 * operations and schemas, custom values as "any JSON value", examples that fit their schemas.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][a-zA-Z0-9]*");
    /** Names the schema generator falls back to for nested records; a client would get classes of these names. */
    private static final Set<String> GENERIC_NAMES = Set.of(
            "All",
            "View",
            "Create",
            "Request",
            "Patch",
            "ListView",
            "One",
            "Answer",
            "Entry",
            "Form",
            "Fields",
            "Status",
            "Result",
            "Property",
            "JsonNode",
            "JsonNodeType");
    /** Getters of Jackson's JsonNode that a document describing the class would list as properties. */
    private static final Set<String> JSON_NODE_GETTERS = Set.of(
            "textual",
            "valueNode",
            "containerNode",
            "missingNode",
            "nodeType",
            "integralNumber",
            "floatingPointNumber",
            "pojo",
            "bigDecimal",
            "bigInteger");

    private String text;
    private JsonNode document;

    /** Per test rather than in a static @BeforeAll, which runs before REST Assured knows the test port. */
    @BeforeEach
    void load() throws Exception {
        text = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        document = new ObjectMapper().readTree(text);
    }

    @Test
    void namesEveryOperationOnceInLowerCamelCase() {
        Set<String> seen = new HashSet<>();
        List<String> gaps = new ArrayList<>();
        operations((name, operation) -> {
            String id = operation.path("operationId").asText("");
            if (!OPERATION_ID.matcher(id).matches() || !seen.add(id)) {
                gaps.add(name + ": operationId '" + id + "' is missing, not lowerCamelCase or taken");
            }
        });
        assertTrue(gaps.isEmpty(), String.join("\n", gaps));
    }

    @Test
    void namesEverySchemaAfterWhatItIs() {
        List<String> bad = new ArrayList<>();
        document.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            if (name.matches(".*\\d$") || GENERIC_NAMES.contains(name)) {
                bad.add(name);
            }
        });
        assertTrue(bad.isEmpty(), "generic or numbered schema names: " + bad);
    }

    @Test
    void describesCustomValuesAsAnyJsonValueNotAsJacksonsClass() {
        List<String> leaks = new ArrayList<>();
        document.path("components")
                .path("schemas")
                .fields()
                .forEachRemaining(schema -> schema.getValue()
                        .path("properties")
                        .fieldNames()
                        .forEachRemaining(property -> {
                            if (JSON_NODE_GETTERS.contains(property)) {
                                leaks.add(schema.getKey() + "." + property);
                            }
                        }));
        assertTrue(leaks.isEmpty(), "JsonNode getters described as properties: " + leaks);
        JsonNode customValue = document.at("/components/schemas/CustomValue");
        assertFalse(customValue.isMissingNode());
        assertFalse(customValue.has("type"), "a custom value has no type: any JSON value");
        assertEquals(
                "#/components/schemas/CustomValue",
                document.at(
                                "/components/schemas/ContactCreateRequest/properties/customFields/additionalProperties/$ref")
                        .asText());
    }

    @Test
    void givesEveryExampleInTheShapeOfItsSchema() {
        SchemaCheck check = new SchemaCheck(document);
        List<String> errors = new ArrayList<>();
        operations((name, operation) -> {
            operation
                    .path("requestBody")
                    .path("content")
                    .fields()
                    .forEachRemaining(media ->
                            checkExamples(check, name + " request " + media.getKey(), media.getValue(), errors));
            operation
                    .path("responses")
                    .fields()
                    .forEachRemaining(response -> response.getValue()
                            .path("content")
                            .fields()
                            .forEachRemaining(media -> checkExamples(
                                    check,
                                    name + " " + response.getKey() + " " + media.getKey(),
                                    media.getValue(),
                                    errors)));
        });
        document.path("components")
                .path("schemas")
                .fields()
                .forEachRemaining(schema -> schema.getValue()
                        .path("properties")
                        .fields()
                        .forEachRemaining(property -> property.getValue()
                                .path("examples")
                                .forEach(example -> errors.addAll(check.errors(
                                        property.getValue(), example, schema.getKey() + "." + property.getKey())))));
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    @Test
    void parsesWithTheParserGeneratorsUse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        assertTrue(
                result.getMessages() == null || result.getMessages().isEmpty(), String.valueOf(result.getMessages()));
        assertFalse(result.getOpenAPI().getServers().isEmpty());
        assertTrue(result.getOpenAPI().getInfo().getContact() != null, "info.contact");
    }

    @Test
    void tagsOperationsByResourceWithoutPathSuffixes() {
        operations((name, operation) -> operation
                .path("tags")
                .forEach(tag -> assertFalse(tag.asText().contains("/"), name + " is tagged " + tag)));
    }

    private void checkExamples(SchemaCheck check, String where, JsonNode media, List<String> errors) {
        media.path("examples")
                .fields()
                .forEachRemaining(example -> errors.addAll(check.errors(
                        media.path("schema"),
                        example.getValue().path("value"),
                        where + " example " + example.getKey())));
    }

    private void operations(BiConsumer<String, JsonNode> visit) {
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fields()
                        .forEachRemaining(method ->
                                visit.accept(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue())));
    }
}
