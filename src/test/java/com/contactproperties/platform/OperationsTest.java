package com.contactproperties.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void answersHealthWithoutToken() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void exposesPrometheusMetricsWithoutToken() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void servesOpenApiAndSwaggerUiWithoutToken() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsSecurityScopesSchemasAndExamplesOfEveryOperation() {
        JsonPath openapi =
                given().get("/q/openapi?format=json").then().extract().jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        List<String> gaps = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, raw) -> {
            Map<String, Object> operation = (Map<String, Object>) raw;
            String name = method.toUpperCase() + " " + path;
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) operation.get("security");
            if (security == null
                    || security.isEmpty()
                    || security.get(0).get("bearerAuth").isEmpty()) {
                gaps.add(name + ": no bearerAuth scope");
            }
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            for (String code : List.of("400", "401", "403", "429", "500")) {
                if (!responses.containsKey(code)) {
                    gaps.add(name + ": no " + code + " response");
                }
            }
            responses.forEach((code, response) -> {
                Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.get("content");
                if (!code.equals("204")
                        && (content == null || content.values().stream().anyMatch(m -> m.get("examples") == null))) {
                    gaps.add(name + " " + code + ": no example");
                }
            });
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            if (body != null
                    && ((Map<String, Map<String, Object>>) body.get("content"))
                            .values().stream().anyMatch(m -> m.get("examples") == null)) {
                gaps.add(name + ": request body without example");
            }
        }));
        assertFalse(paths.isEmpty());
        assertTrue(gaps.isEmpty(), String.join("\n", gaps));
    }
}
