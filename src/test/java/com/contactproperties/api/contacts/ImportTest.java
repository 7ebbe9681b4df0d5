package com.contactproperties.api.contacts;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.support.Database;
import com.contactproperties.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportTest {

    @Inject
    Database database;

    private final String tenant = newTenant();

    private ValidatableResponse upload(byte[] file, String... form) {
        var request = given().auth()
                .oauth2(Tokens.token(tenant, "contact:create", "contact:list", "custom_field:create"))
                .multiPart("file", "contacts.csv", file, "text/csv");
        for (int i = 0; i < form.length; i += 2) {
            request.multiPart(form[i], form[i + 1]);
        }
        return request.post("/v1/contacts/import").then();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private JsonPath importAndWait(byte[] file, String... form) {
        String id = upload(file, form)
                .statusCode(202)
                .body("importId", startsWith("import_"))
                .extract()
                .path("importId");
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonPath status = as(tenant)
                    .get("/v1/contacts/imports/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            if (!List.of("pending", "processing").contains(status.getString("status"))) {
                return status;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("import did not end");
    }

    private void property(String title, String type, String choices) {
        as(tenant)
                .body("{\"contact_property\": {\"title\": \"" + title + "\", \"property_type\": \"" + type + "\""
                        + (choices == null ? "" : ", \"choices\": " + choices) + "}}")
                .post("/api/v1/contact_properties")
                .then()
                .statusCode(201);
    }

    /** 1,200 rows, six of them bad in known rows and columns. */
    private static byte[] sample() {
        StringBuilder csv = new StringBuilder("name,email,phone,Plan\n");
        for (int i = 1; i <= 1200; i++) {
            String phone = "+48 5" + String.format("%08d", i);
            String email = "person" + i + "@example.com";
            String plan = i % 2 == 0 ? "pro" : "Free";
            switch (i) {
                case 16 -> phone = "12";
                case 100 -> email = "not-an-email";
                case 250 -> plan = "Gold";
                case 500 -> phone = "call me";
                case 800 -> plan = "Platinum";
                case 1100 -> email = "x@@example.com";
                default -> {}
            }
            csv.append("Person ")
                    .append(i)
                    .append(',')
                    .append(email)
                    .append(',')
                    .append(phone)
                    .append(',')
                    .append(plan)
                    .append('\n');
        }
        return utf8(csv.toString());
    }

    @Test
    void importsTheSampleAndReportsExactlyItsSixBadRows() {
        property("Plan", "single_choice", "[\"Free\", \"Pro\"]");
        JsonPath status = importAndWait(sample());
        assertEquals("completed", status.getString("status"));
        assertEquals(1200, status.getInt("totalRows"));
        assertEquals(1194, status.getInt("successCount"));
        assertEquals(6, status.getInt("failedCount"));
        assertEquals(1194, status.getInt("createdCount"));
        assertEquals(100.0, status.getDouble("progressPercentage"));
        assertEquals(List.of(17, 101, 251, 501, 801, 1101), status.getList("errors.row"));
        assertEquals(List.of("phone", "email", "Plan", "phone", "Plan", "email"), status.getList("errors.column"));
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(1194));
        as(tenant)
                .queryParam("search", "person2@example")
                .get("/v1/contacts")
                .then()
                .body("contacts[0].phone", equalTo("+48500000002"))
                .body("contacts[0].customFields.plan", equalTo("Pro"));

        JsonPath again = importAndWait(sample());
        assertEquals(1194, again.getInt("updatedCount"));
        assertEquals(0, again.getInt("createdCount"));
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(1194));
        as(tenant)
                .queryParam("task_type", "import")
                .get("/api/v1/batch_tasks")
                .then()
                .body("batch_tasks.size()", equalTo(2));
        as(tenant)
                .get("/v1/contacts/imports")
                .then()
                .statusCode(200)
                .body("imports.size()", equalTo(2))
                .body("imports[0].failedCount", equalTo(6))
                .body("imports[0].errorCount", equalTo(6))
                .body("imports[0].errors", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void dryRunReportsTheSameErrorsAndWritesNothing() {
        property("Plan", "single_choice", "[\"Free\", \"Pro\"]");
        JsonPath status = importAndWait(sample(), "dryRun", "true");
        assertEquals("completed", status.getString("status"));
        assertEquals(true, status.getBoolean("dryRun"));
        assertEquals(6, status.getInt("failedCount"));
        assertEquals(List.of(17, 101, 251, 501, 801, 1101), status.getList("errors.row"));
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(0));
    }

    @Test
    void streamsEveryErrorAsCsv() {
        property("Plan", "single_choice", "[\"Free\", \"Pro\"]");
        String id = importAndWait(sample()).getString("importId");
        String csv = as(tenant)
                .get("/v1/contacts/imports/" + id + "/errors.csv")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        List<String> lines = csv.lines().toList();
        org.junit.jupiter.api.Assertions.assertTrue(
                lines.size() > 1 && lines.get(1).startsWith("17,phone,"), csv);
        assertEquals("row,column,message,original_row", lines.get(0));
        assertEquals(7, lines.size());
        assertEquals(true, lines.get(1).startsWith("17,phone,"));
        org.junit.jupiter.api.Assertions.assertTrue(
                lines.get(1).contains("Person 16,person16@example.com,12,pro"), lines.get(1));
    }

    /**
     * Rows whose first cell a spreadsheet would run as a formula, each refused for its email: the
     * report's original_row cell starts with that cell and must come back prefixed with ' and quoted.
     */
    @Test
    void neutralisesReportCellsThatASpreadsheetWouldRunAsFormulas() throws IOException {
        String csv =
                "name,email\n=cmd|' /C calc'!A0,bad1\n+1 555,bad2\n-2+3,bad3\n@SUM(A1),bad4\n\tTabbed,bad5\n\"\rReturn\",bad6\n";
        String id = importAndWait(utf8(csv)).getString("importId");
        String report = as(tenant)
                .get("/v1/contacts/imports/" + id + "/errors.csv")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        List<String> lines = List.of(report.split("\r\n"));
        assertTrue(lines.get(1).endsWith(",\"'=cmd|' /C calc'!A0,bad1\""), report);
        assertTrue(lines.get(2).endsWith(",\"'+1 555,bad2\""), report);
        assertTrue(lines.get(3).endsWith(",\"'-2+3,bad3\""), report);
        assertTrue(lines.get(4).endsWith(",\"'@SUM(A1),bad4\""), report);
        assertTrue(lines.get(5).endsWith(",\"'\tTabbed,bad5\""), report);
        List<List<String>> records = new ArrayList<>();
        try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(report)) {
            reader.forEach(record -> records.add(record.getFields()));
        }
        assertEquals(
                List.of(
                        "'=cmd|' /C calc'!A0,bad1",
                        "'+1 555,bad2",
                        "'-2+3,bad3",
                        "'@SUM(A1),bad4",
                        "'\tTabbed,bad5",
                        "\"\rReturn\",bad6"),
                records.stream().skip(1).map(r -> r.get(3)).toList());
        // No cell of the report, as a spreadsheet reads it, starts a formula.
        records.forEach(r ->
                r.forEach(cell -> assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0, cell)));
    }

    @Test
    void refusesBadHeadersAtOnceNamingTheColumn() {
        problem(upload(utf8("email,shoe size\na@example.com,42\n")), 422).body("errors[0].field", equalTo("shoe size"));
        problem(upload(utf8("email,Email\na@example.com,b@example.com\n")), 422)
                .body("errors[0].field", equalTo("Email"));
        problem(upload(utf8("language,status\npl,auto\n")), 422)
                .body("errors[0].message", containsString("identifying"));
        JsonPath created =
                importAndWait(utf8("email,Shoe size\na@example.com,42\n"), "createMissingProperties", "true");
        assertEquals(1, created.getInt("successCount"));
        as(tenant)
                .get("/api/v1/contact_properties/shoe-size")
                .then()
                .statusCode(200)
                .body("contact_property.property_type", equalTo("text"));
    }

    private List<String> definitionKeys() {
        return as(tenant)
                .get("/api/v1/contact_properties")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("contact_properties.slug");
    }

    private int storedDefinitions() {
        return database.execute("select 1 from property_definitions where tenant_id = $1", tenant);
    }

    @Test
    void createsNoPropertyForARefusedUploadOrADryRun() {
        property("Plan", "text", null);
        List<String> before = definitionKeys();
        int stored = storedDefinitions();
        String[] create = {"createMissingProperties", "true"};
        StringBuilder wide = new StringBuilder("email");
        for (int i = 1; i <= 500; i++) {
            wide.append(",Column ").append(i);
        }
        problem(upload(utf8(wide + "\na@example.com\n"), create), 422)
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("at most 500"));
        problem(upload(utf8("email,Shoe size\n"), create), 422)
                .body("errors[0].field", equalTo("file"))
                .body("detail", containsString("no data rows"));
        problem(upload(utf8("email,Email,Shoe size\na@example.com,b@example.com,42\n"), create), 422)
                .body("errors[0].field", equalTo("Email"));
        problem(upload(utf8("email,Shoe size,shoe-size\na@example.com,42,43\n"), create), 422)
                .body("errors[0].field", equalTo("shoe-size"));
        problem(upload(utf8("language,Shoe size\npl,42\n"), create), 422)
                .body("errors[0].message", containsString("identifying"));
        problem(upload(utf8("email,Shoe size," + "t".repeat(101) + "\na@example.com,42,x\n"), create), 422)
                .body("errors[0].field", equalTo("t".repeat(101)));
        // Refused while its rows are stored: past the head of the file that is checked on opening.
        StringBuilder late = new StringBuilder("email,Shoe size\n");
        for (int i = 0; late.length() < 100_000; i++) {
            late.append("late").append(i).append("@example.com,42\n");
        }
        problem(upload(utf8(late + "nul@example.com,4\u00002\n"), create), 400)
                .body("detail", containsString("binary"));
        assertEquals(before, definitionKeys());
        assertEquals(stored, storedDefinitions());

        // A dry run checks the new columns' cells as text (none is refused as naming no property) and stores none.
        JsonPath dry = importAndWait(
                utf8("email,Shoe size,Favourite colour\na@example.com,42,green\nnot-an-email,43,blue\n"),
                "createMissingProperties",
                "true",
                "dryRun",
                "true");
        assertEquals("completed", dry.getString("status"));
        assertEquals(1, dry.getInt("successCount"), dry.prettify());
        assertEquals(1, dry.getInt("failedCount"));
        assertEquals(List.of("email"), dry.getList("errors.column"));
        assertEquals(before, definitionKeys());
        assertEquals(stored, storedDefinitions());
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(0));

        JsonPath accepted = importAndWait(utf8("email,Shoe size,Favourite colour\na@example.com,42,green\n"), create);
        assertEquals(1, accepted.getInt("successCount"), accepted.prettify());
        assertEquals(
                Set.copyOf(List.of("shoe-size", "favourite-colour")),
                definitionKeys().stream()
                        .filter(k -> !before.contains(k))
                        .collect(java.util.stream.Collectors.toSet()));
        assertEquals(stored + 2, storedDefinitions());
        as(tenant)
                .get("/api/v1/contact_properties/favourite-colour")
                .then()
                .body("contact_property.property_type", equalTo("text"));
        as(tenant)
                .queryParam("search", "a@example.com")
                .get("/v1/contacts")
                .then()
                .body("contacts[0].customFields.shoeSize", equalTo("42"))
                .body("contacts[0].customFields.favouriteColour", equalTo("green"));
    }

    @Test
    void readsHostileButValidFiles() {
        property("Notes", "text", null);
        String bom = "\uFEFF";
        String text = bom + "name;email;tags;Notes\r\n"
                + "\"Kowalska; Anna\";anna@example.com;\"VIP, Hot\";\n"
                + "\r\n"
                + "Quoted;b@example.com;;\"Line\nbreak \"\"quoted\"\"\"\r\n"
                + "Long;c@example.com;;" + "x".repeat(10_000) + "\n";
        JsonPath status = importAndWait(utf8(text));
        assertEquals(3, status.getInt("successCount"), status.prettify());
        Set<String> names = new TreeSet<>(
                as(tenant).get("/v1/contacts").then().extract().jsonPath().getList("contacts.name"));
        assertEquals(Set.of("Kowalska; Anna", "Quoted", "Long"), names);
        as(tenant)
                .queryParam("search", "b@example.com")
                .get("/v1/contacts")
                .then()
                .body("contacts[0].customFields.notes", equalTo("Line\nbreak \"quoted\""));
        as(tenant).get("/v1/tags").then().body("tags.name", hasItem("VIP")).body("tags.name", hasItem("Hot"));
        as(tenant)
                .queryParam("search", "hot")
                .get("/v1/contacts")
                .then()
                .body("contacts.name", equalTo(List.of("Kowalska; Anna")));
        importAndWait(utf8("email,tags\nanna@example.com,Gold\n"));
        as(tenant)
                .queryParam("search", "gold")
                .get("/v1/contacts")
                .then()
                .body("contacts.name", equalTo(List.of("Kowalska; Anna")));
        importAndWait(utf8("email,name\nanna@example.com,Renamed Person\n"));
        as(tenant)
                .queryParam("search", "renamed")
                .get("/v1/contacts")
                .then()
                .body("contacts.name", equalTo(List.of("Renamed Person")));
        as(tenant).queryParam("search", "kowalska").get("/v1/contacts").then().body("contacts", empty());
        as(tenant)
                .queryParam("search", "vip")
                .get("/v1/contacts")
                .then()
                .body("contacts.name", equalTo(List.of("Renamed Person")));
        JsonPath tabs = importAndWait(utf8("email\tname\nt@example.com\tTab\n"));
        assertEquals(1, tabs.getInt("successCount"));
    }

    @Test
    void reportsRowsWithWrongCellCountsAndOverlongCells() {
        property("Notes", "text", null);
        String csv = "email,Notes\n" + "a@example.com,A,\n" + "b@example.com\n" + "c@example.com," + "y".repeat(10_001)
                + "\n" + "d@example.com," + "z".repeat(10_000) + "\n";
        JsonPath status = importAndWait(utf8(csv));
        assertEquals(1, status.getInt("successCount"), status.prettify());
        assertEquals(List.of(2, 3, 4), status.getList("errors.row"));
        assertEquals(true, status.getString("errors[0].message").contains("3 cells"));
        assertEquals("Notes", status.getString("errors[2].column"));
    }

    @Test
    void appliesTheLaterOfTwoRowsWithOneEmail() {
        JsonPath status = importAndWait(utf8("email,name\nsame@example.com,First\nsame@example.com,Second\n"));
        assertEquals(1, status.getInt("successCount"));
        assertEquals(1, status.getInt("failedCount"));
        assertEquals(2, status.getInt("errors[0].row"));
        as(tenant).get("/v1/contacts").then().body("contacts[0].name", equalTo("Second"));
    }

    /**
     * 1,000 rows of one email (one spelled in capitals), then 500 rows cycling through five emails,
     * then two rows of their own: across chunks, the last row of each email is applied and every
     * earlier one reported, naming the row that wins.
     */
    @Test
    void appliesTheLastRowOfEveryRepeatedEmailWhateverTheFileHolds() {
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 1; i <= 1000; i++) {
            csv.append(i == 500 ? "SAME@Example.com" : "same@example.com")
                    .append(",Same ")
                    .append(i)
                    .append('\n');
        }
        for (int i = 1; i <= 500; i++) {
            csv.append("r")
                    .append(i % 5)
                    .append("@example.com,Repeat ")
                    .append(i)
                    .append('\n');
        }
        csv.append("alone1@example.com,Alone 1\nalone2@example.com,Alone 2\n");
        JsonPath status = importAndWait(utf8(csv.toString()));
        assertEquals("completed", status.getString("status"));
        assertEquals(1502, status.getInt("totalRows"));
        assertEquals(8, status.getInt("successCount"));
        assertEquals(1494, status.getInt("failedCount"));
        assertEquals(2, status.getInt("errors[0].row"));
        assertEquals("email", status.getString("errors[0].column"));
        assertEquals(
                "is repeated in row 1001, which wins; this row was not applied", status.getString("errors[0].message"));

        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(8));
        as(tenant)
                .queryParam("search", "same@example.com")
                .get("/v1/contacts")
                .then()
                .body("contacts.name", equalTo(List.of("Same 1000")));
        for (int k = 0; k < 5; k++) {
            int last = 500 - (5 - k) % 5;
            as(tenant)
                    .queryParam("search", "r" + k + "@example.com")
                    .get("/v1/contacts")
                    .then()
                    .body("contacts.name", equalTo(List.of("Repeat " + last)));
        }
        List<String> report = as(tenant)
                .get("/v1/contacts/imports/" + status.getString("importId") + "/errors.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .skip(1)
                .toList();
        assertEquals(1494, report.size());
        assertTrue(report.get(499).startsWith("501,email,\"is repeated in row 1001, which wins"), report.get(499));
        assertTrue(report.get(499).endsWith("\"SAME@Example.com,Same 500\""), report.get(499));
        assertEquals(6, database.execute("select 1 from import_repeated_emails where tenant_id = $1", tenant));
        assertEquals(
                1,
                database.execute(
                        "select 1 from import_repeated_emails where tenant_id = $1 and email_key = 'same@example.com'"
                                + " and last_row = 1001",
                        tenant));
    }

    @Test
    void answersBrokenFilesWithClearProblems() throws IOException {
        problem(upload(new byte[0]), 422).body("detail", containsString("empty"));
        problem(upload(utf8("email,name\n")), 422).body("detail", containsString("no data rows"));
        problem(upload(new byte[] {'e', 'm', 'a', 'i', 'l', '\n', 'a', (byte) 0xC3, (byte) 0x28, '\n'}), 400)
                .body("detail", containsString("UTF-8"));
        problem(upload(new byte[] {(byte) 0xFF, (byte) 0xFE, 'e', 0, 'm', 0}), 400)
                .body("detail", containsString("UTF-16"));
        problem(upload(new byte[] {'e', 'm', 0, 1, 2, 3}), 400).body("detail", containsString("binary"));
        // A NUL past the head that is sniffed on opening: PostgreSQL could store no cell holding it.
        StringBuilder late = new StringBuilder("email,name\n");
        for (int i = 0; late.length() < 100_000; i++) {
            late.append("late").append(i).append("@example.com,Late\n");
        }
        problem(upload(utf8(late + "nul@example.com,A\u0000B\n")), 400)
                .body("detail", containsString("binary"))
                .body("detail", containsString("row " + (late.toString().split("\n").length + 1)));
        problem(upload(utf8("email\na@example.com\n"), "delimiter", "pipe"), 400)
                .body("errors[0].field", equalTo("delimiter"));
        problem(upload(utf8("email\na@example.com\n"), "defaultRegion", "XX"), 400);
        problem(
                given().auth()
                        .oauth2(Tokens.token(tenant, "contact:create"))
                        .multiPart("other", "x")
                        .post("/v1/contacts/import")
                        .then(),
                400);
        Path big = Files.createTempFile("big", ".csv");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(100L * 1024 * 1024 + 1);
        }
        try {
            problem(
                    given().auth()
                            .oauth2(Tokens.token(tenant, "contact:create"))
                            .multiPart("file", big.toFile(), "text/csv")
                            .post("/v1/contacts/import")
                            .then(),
                    413);
        } finally {
            Files.delete(big);
        }
    }

    @Test
    void answersARetryWithTheSameKeyWithTheFirstImport() {
        byte[] file = utf8("email\nidem@example.com\n");
        String first = given().auth()
                .oauth2(Tokens.token(tenant, "contact:create"))
                .header("Idempotency-Key", "upload-1")
                .multiPart("file", "a.csv", file, "text/csv")
                .post("/v1/contacts/import")
                .then()
                .statusCode(202)
                .extract()
                .path("importId");
        given().auth()
                .oauth2(Tokens.token(tenant, "contact:create"))
                .header("Idempotency-Key", "upload-1")
                .multiPart("file", "a.csv", file, "text/csv")
                .post("/v1/contacts/import")
                .then()
                .statusCode(202)
                .body("importId", equalTo(first));
    }

    @Test
    void keepsImportsToTheirTenantAndScope() {
        String id = upload(utf8("email\nmine@example.com\n"))
                .statusCode(202)
                .extract()
                .path("importId");
        problem(as(newTenant()).get("/v1/contacts/imports/" + id).then(), 404);
        problem(
                as(newTenant())
                        .get("/v1/contacts/imports/" + id + "/errors.csv")
                        .then(),
                404);
        problem(as(tenant, "contact:read").get("/v1/contacts/imports/" + id).then(), 403);
        problem(
                given().auth()
                        .oauth2(Tokens.token(tenant, "contact:list"))
                        .multiPart("file", "a.csv", utf8("email\na@b.co\n"))
                        .post("/v1/contacts/import")
                        .then(),
                403);
        database.execute("select 1");
    }
}
