package com.contactproperties.api.properties;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchTaskErrorsTest {

    @Inject
    Database database;

    private final String tenant = newTenant();

    /** A bulk update of one good entry and 150 refused at submit: its task holds 150 errors. */
    private String taskWith150Errors() {
        as(tenant)
                .body("{\"contact_property\": {\"title\": \"Score\", \"property_type\": \"number\"}}")
                .post("/api/v1/contact_properties")
                .then()
                .statusCode(201);
        as(tenant)
                .body("{\"email\": \"ann@example.com\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201);
        String refused = IntStream.rangeClosed(1, 150)
                .mapToObj(
                        i -> "{\"email\": \"ann@example.com\", \"contact\": {\"custom_properties\": {\"score\": \"lots "
                                + i + "\"}}}")
                .collect(Collectors.joining(","));
        String task = as(tenant)
                .body("{\"contacts\": [{\"email\": \"ann@example.com\", \"contact\": {\"language\": \"pl\"}}, "
                        + refused + "]}")
                .put("/api/v1/contacts/bulk")
                .then()
                .statusCode(202)
                .body("invalid_count", equalTo(150))
                .extract()
                .path("batch_task_id");
        awaitTask(tenant, "bulk_update");
        return task;
    }

    @Test
    void pagesEveryErrorOfATaskToTheEndInOrder() {
        String task = taskWith150Errors();
        as(tenant).get("/api/v1/batch_tasks/" + task).then().body("errors.size()", equalTo(100));
        List<Integer> indexes = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = as(tenant).queryParam("page_size", 100);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            JsonPath page = request.get("/api/v1/batch_tasks/" + task + "/errors")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            indexes.addAll(page.getList("errors.index", Integer.class));
            assertEquals("custom_properties.score", page.getString("errors[0].field"));
            assertEquals("email:ann@example.com", page.getString("errors[0].identifier"));
            token = page.getString("next_page_token");
            pages++;
        } while (token != null);
        assertEquals(2, pages);
        assertEquals(IntStream.rangeClosed(1, 150).boxed().toList(), indexes);
    }

    @Test
    void pagesEveryValueARetypeClearedBeyondTheFirstHundred() {
        as(tenant)
                .body("{\"contact_property\": {\"title\": \"Score\", \"property_type\": \"text\"}}")
                .post("/api/v1/contact_properties")
                .then()
                .statusCode(201);
        database.execute(
                "insert into contacts (tenant_id, id, custom_fields) select $1, 'con_' || lpad(n::text, 26, '0'),"
                        + " jsonb_build_object('score', 'lots ' || n) from generate_series(1, 150) n",
                tenant);
        String task = as(tenant)
                .body("{\"contact_property\": {\"property_type\": \"number\"}}")
                .put("/api/v1/contact_properties/score")
                .then()
                .statusCode(200)
                .extract()
                .path("retype_task_id");
        awaitTask(tenant, "property_retype");
        as(tenant)
                .get("/api/v1/batch_tasks/" + task)
                .then()
                .body("failed_count", equalTo(150))
                .body("errors.size()", equalTo(100));
        JsonPath first = as(tenant)
                .queryParam("page_size", 100)
                .get("/api/v1/batch_tasks/" + task + "/errors")
                .then()
                .extract()
                .jsonPath();
        assertEquals("score", first.getString("errors[0].field"));
        JsonPath rest = as(tenant)
                .queryParam("page_size", 100)
                .queryParam("page_token", first.getString("next_page_token"))
                .get("/api/v1/batch_tasks/" + task + "/errors")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(50, rest.getList("errors").size());
        assertNull(rest.getString("next_page_token"));
        String csv = as(tenant)
                .get("/api/v1/batch_tasks/" + task + "/errors.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(151, csv.split("\r\n").length);
    }

    @Test
    void downloadsEveryErrorAsCsv() {
        String task = taskWith150Errors();
        String csv = as(tenant)
                .get("/api/v1/batch_tasks/" + task + "/errors.csv")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertEquals(151, lines.length);
        assertEquals("index,identifier,field,message,original_row", lines[0]);
        assertTrue(lines[150].startsWith("150,email:ann@example.com,custom_properties.score,"), lines[150]);
    }

    @Test
    void answersAnotherTenantsTaskAndAForeignTokenAsProblems() {
        String task = taskWith150Errors();
        problem(as(newTenant()).get("/api/v1/batch_tasks/" + task + "/errors").then(), 404);
        problem(
                as(newTenant())
                        .get("/api/v1/batch_tasks/" + task + "/errors.csv")
                        .then(),
                404);
        problem(
                        as(tenant)
                                .queryParam("page_token", "forged.token")
                                .get("/api/v1/batch_tasks/" + task + "/errors")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("pageToken"));
        problem(
                as(tenant)
                        .queryParam("page_size", 0)
                        .get("/api/v1/batch_tasks/" + task + "/errors")
                        .then(),
                400);
        JsonPath last = as(tenant)
                .queryParam("page_size", 500)
                .get("/api/v1/batch_tasks/" + task + "/errors")
                .then()
                .extract()
                .jsonPath();
        assertNull(last.getString("next_page_token"));
    }
}
