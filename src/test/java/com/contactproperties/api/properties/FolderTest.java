package com.contactproperties.api.properties;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FolderTest {

    private static final String FOLDERS = "/api/v1/folders";

    private final String tenant = newTenant();

    private long folder(String name) {
        return as(tenant)
                .body("{\"folder\": {\"name\": \"" + name + "\"}}")
                .post(FOLDERS)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private String contact(String name) {
        return as(tenant)
                .body("{\"name\": \"" + name + "\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void bulk(String body) {
        as(tenant)
                .body(body)
                .put("/api/v1/contacts/bulk")
                .then()
                .statusCode(202)
                .body("invalid_count", equalTo(0));
        awaitTask(tenant, "bulk_update");
    }

    @Test
    void addsEveryContactOfMarchLeadsToHotProspectsKeepingTheirFolders() {
        long march = folder("March Leads");
        long hot = folder("Hot Prospects");
        long other = folder("Other");
        String ann = contact("Ann");
        String bob = contact("Bob");
        contact("Carl, in no folder");
        bulk("""
        {"contacts": [{"id": "%s", "contact": {"folder_ids": [%d, %d]}}, {"id": "%s", "contact": {"folder_ids": [%d]}}]}""".formatted(ann, march, other, bob, march));

        // "Update all contacts in my 'March Leads' folder: add them to the 'Hot Prospects' folder."
        List<String> inMarch = as(tenant)
                .queryParam("folderIds", march)
                .get("/v1/contacts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("contacts.id");
        bulk("{\"contacts\": ["
                + inMarch.stream()
                        .map(id -> "{\"id\": \"" + id + "\", \"contact\": {\"add_folder_ids\": [" + hot + "]}}")
                        .collect(Collectors.joining(","))
                + "]}");

        as(tenant)
                .get(FOLDERS + "/" + hot)
                .then()
                .statusCode(200)
                .body("name", equalTo("Hot Prospects"))
                .body("contact_count", equalTo(2));
        as(tenant)
                .get("/v1/contacts/" + ann)
                .then()
                .body("folderIds", containsInAnyOrder((int) march, (int) other, (int) hot));
        as(tenant).get("/v1/contacts/" + bob).then().body("folderIds", containsInAnyOrder((int) march, (int) hot));
        as(tenant)
                .queryParam("folderIds", hot + "," + other)
                .get("/v1/contacts")
                .then()
                .body("contacts.id", containsInAnyOrder(ann, bob));
    }

    @Test
    void removesSomeFoldersAndKeepsTheOthers() {
        long a = folder("A");
        long b = folder("B");
        String ann = contact("Ann");
        bulk("{\"contacts\": [{\"id\": \"%s\", \"contact\": {\"folder_ids\": [%d, %d]}}]}".formatted(ann, a, b));
        bulk("{\"contacts\": [{\"id\": \"%s\", \"contact\": {\"remove_folder_ids\": [%d]}}]}".formatted(ann, a));
        as(tenant).get("/v1/contacts/" + ann).then().body("folderIds", equalTo(List.of((int) b)));
        as(tenant).get(FOLDERS + "/" + a).then().body("contact_count", equalTo(0));
    }

    @Test
    void refusesAnEntryNamingTwoFolderFieldsOrUnknownFolders() {
        long a = folder("A");
        String ann = contact("Ann");
        as(tenant)
                .body("""
        {"contacts": [{"id": "%s", "contact": {"folder_ids": [%d], "add_folder_ids": [%d]}},
         {"id": "%s", "contact": {"add_folder_ids": [%d, 987654321]}}]}""".formatted(ann, a, a, ann, a))
                .put("/api/v1/contacts/bulk")
                .then()
                .statusCode(200)
                .body("invalid_count", equalTo(2))
                .body("invalid[0].errors[0].field", equalTo("folder_ids"))
                .body("invalid[1].errors[0].field", equalTo("add_folder_ids"))
                .body("invalid[1].errors[0].message", containsString("987654321"));
    }

    @Test
    void keepsNamesUniqueIgnoringCaseAndRenames() {
        long hot = folder("Hot Prospects");
        folder("Cold");
        problem(
                        as(tenant)
                                .body("{\"folder\": {\"name\": \"hot prospects\"}}")
                                .post(FOLDERS)
                                .then(),
                        409)
                .body("errors[0].field", equalTo("folder.name"));
        problem(
                as(tenant)
                        .body("{\"folder\": {\"name\": \"COLD\"}}")
                        .patch(FOLDERS + "/" + hot)
                        .then(),
                409);
        problem(
                        as(tenant)
                                .body("{\"folder\": {\"name\": \" \"}}")
                                .patch(FOLDERS + "/" + hot)
                                .then(),
                        422)
                .body("errors[0].field", equalTo("folder.name"));
        problem(as(tenant).body("{}").patch(FOLDERS + "/" + hot).then(), 400)
                .body("errors[0].field", equalTo("folder"));
        as(tenant)
                .body("{\"folder\": {\"name\": \"Warm Prospects\"}}")
                .patch(FOLDERS + "/" + hot)
                .then()
                .statusCode(200)
                .body("id", equalTo((int) hot))
                .body("name", equalTo("Warm Prospects"));
        as(tenant).get(FOLDERS).then().body("folders.name", hasItem("Warm Prospects"));
    }

    @Test
    void answersAnotherTenantsFolderAsMissing() {
        long hot = folder("Hot Prospects");
        problem(as(newTenant()).get(FOLDERS + "/" + hot).then(), 404);
        problem(
                as(newTenant())
                        .body("{\"folder\": {\"name\": \"Mine\"}}")
                        .patch(FOLDERS + "/" + hot)
                        .then(),
                404);
        problem(as(tenant).queryParam("folderIds", "hot").get("/v1/contacts").then(), 400)
                .body("errors[0].field", equalTo("folderIds"));
    }
}
