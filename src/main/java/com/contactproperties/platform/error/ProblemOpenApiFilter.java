package com.contactproperties.platform.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the error answers every operation shares, so that resources only describe their own:
 * each 4xx/5xx response is an RFC 9457 problem, and every operation lists 400, 401, 403, 429 and 500.
 */
public class ProblemOpenApiFilter implements OASFilter {

    private static final String REF = "#/components/schemas/Problem";
    private static final Map<String, String> COMMON = Map.of(
            "400", "The request is malformed: invalid JSON, a field of the wrong type, an unknown field or parameter",
            "401", "The bearer token is missing, malformed, expired, or not trusted",
            "403", "The token lacks the role or the scope this operation requires",
            "429", "The tenant has spent its read or write budget on this instance; Retry-After says when to retry",
            "500", "An unexpected failure; the body carries no internals");

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        openApi.getComponents().addSchema("Problem", problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(this::document));
    }

    private void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        COMMON.forEach((code, description) -> {
            if (operation.getResponses().getAPIResponse(code) == null) {
                operation
                        .getResponses()
                        .addAPIResponse(code, OASFactory.createAPIResponse().description(description));
            }
        });
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                asProblem(code, response);
            }
        });
    }

    private static void asProblem(String code, APIResponse response) {
        // An object, not its JSON text: a string example would not validate against the Problem schema.
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "/problems/...");
        example.put("title", "...");
        example.put("status", Integer.parseInt(code));
        example.put("detail", response.getDescription());
        Content content = OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(REF))
                                .addExample(
                                        "problem", OASFactory.createExample().value(example)));
        response.setContent(content);
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .properties(Map.of("field", text, "message", text));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .required(List.of("type", "title", "status"))
                .properties(Map.of(
                        "type",
                        text,
                        "title",
                        text,
                        "detail",
                        text,
                        "status",
                        OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(fieldError)));
    }
}
