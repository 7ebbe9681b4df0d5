package com.contactproperties.task;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.platform.dev.EmbeddedDatabase;
import com.contactproperties.support.ServiceProcess;
import com.contactproperties.support.Tokens;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Background work survives kill -9 and shares out across instances: the packaged service runs as
 * real processes against one real PostgreSQL.
 */
class TaskCrashIT {

    private static final Map<String, String> DATABASE = EmbeddedDatabase.datasourceConfig();
    private static final Map<String, String> SMALL_CHUNKS = Map.of(
            "CONTACT_PROPERTIES_TASKS_CHUNK_SIZE", "200",
            "CONTACT_PROPERTIES_TASKS_LEASE_SECONDS", "3",
            "CONTACT_PROPERTIES_TASKS_POLL_MILLIS", "200",
            "CONTACT_PROPERTIES_TASKS_PER_TENANT_LIMIT", "20");

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(
                DATABASE.get("quarkus.datasource.jdbc.url"),
                DATABASE.get("quarkus.datasource.username"),
                DATABASE.get("quarkus.datasource.password"));
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = jdbc();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = jdbc();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A tenant with a property held by {@code contacts} contacts. */
    private static void seed(String tenant, String key, int contacts) throws SQLException {
        execute(
                "insert into property_definitions (tenant_id, entity_type, key, title, type, created_at, created_by, updated_at)"
                        + " values ('" + tenant + "', 'contact', '" + key + "', '" + key
                        + "', 'number', now(), 'it', now())");
        execute("insert into contacts (tenant_id, id, custom_fields) select '" + tenant + "', 'con_" + key + "_' || n,"
                + " jsonb_build_object('" + key + "', n, 'kept', true) from generate_series(1, " + contacts + ") n");
    }

    private static JsonPath task(ServiceProcess service, String tenant, String id) {
        return given().baseUri(service.baseUri())
                .auth()
                .oauth2(Tokens.token(tenant, "contact:list"))
                .get("/api/v1/batch_tasks/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String deleteProperty(ServiceProcess service, String tenant, String key) {
        given().baseUri(service.baseUri())
                .auth()
                .oauth2(Tokens.token(tenant, "custom_field:delete"))
                .delete("/api/v1/contact_properties/" + key)
                .then()
                .statusCode(204);
        return given().baseUri(service.baseUri())
                .auth()
                .oauth2(Tokens.token(tenant, "contact:list"))
                .queryParam("task_type", "property_purge")
                .get("/api/v1/batch_tasks")
                .then()
                .statusCode(200)
                .extract()
                .path("batch_tasks[0].id");
    }

    private static JsonPath awaitEnd(ServiceProcess service, String tenant, String id, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            JsonPath task = task(service, tenant, id);
            if (!List.of("pending", "processing").contains(task.getString("status"))) {
                return task;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task " + id + " did not end within " + within);
    }

    @Test
    void finishesAPurgeExactlyAfterTheServiceIsKilledMidway() throws Exception {
        Path log = Files.createTempFile("service-crash", ".log");
        String tenant = Tokens.newTenant();
        int contacts = 100_000;
        String taskId;
        try (ServiceProcess first = new ServiceProcess(DATABASE, SMALL_CHUNKS, log).start()) {
            seed(tenant, "doomed", contacts);
            taskId = deleteProperty(first, tenant, "doomed");
            Instant deadline = Instant.now().plusSeconds(120);
            int processed = 0;
            while (processed < contacts / 10 && Instant.now().isBefore(deadline)) {
                processed = task(first, tenant, taskId).getInt("processed_count");
                Thread.sleep(20);
            }
            assertTrue(processed < contacts, "the task ended before the kill; it must span many chunks");
            first.kill();
        }
        int remainingAfterKill =
                count("select count(*) from contacts where tenant_id = '" + tenant + "' and custom_fields ? 'doomed'");
        assertTrue(remainingAfterKill > 0, "the kill came after the last chunk");

        try (ServiceProcess second = new ServiceProcess(DATABASE, SMALL_CHUNKS, log).start()) {
            JsonPath done = awaitEnd(second, tenant, taskId, Duration.ofSeconds(180));
            assertEquals("completed", done.getString("status"));
            assertEquals(contacts, done.getInt("total_count"));
            assertEquals(contacts, done.getInt("processed_count"));
            assertEquals(contacts, done.getInt("succeeded_count"));
            assertEquals(0, done.getInt("failed_count"));
        }
        assertEquals(
                0,
                count("select count(*) from contacts where tenant_id = '" + tenant + "' and custom_fields ? 'doomed'"));
        assertEquals(
                contacts,
                count("select count(*) from contacts where tenant_id = '" + tenant + "' and custom_fields ? 'kept'"));
        assertEquals(
                0,
                count("select count(*) from property_definitions where tenant_id = '" + tenant
                        + "' and key = 'doomed'"));
    }

    private static String upload(ServiceProcess service, String tenant, Path csv) {
        return given().baseUri(service.baseUri())
                .auth()
                .oauth2(Tokens.token(tenant, "contact:create"))
                .multiPart("file", csv.toFile(), "text/csv")
                .post("/v1/contacts/import")
                .then()
                .statusCode(202)
                .extract()
                .path("importId");
    }

    private static JsonPath importStatus(ServiceProcess service, String tenant, String id) {
        return given().baseUri(service.baseUri())
                .auth()
                .oauth2(Tokens.token(tenant, "contact:list"))
                .get("/v1/contacts/imports/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath awaitImport(ServiceProcess service, String tenant, String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(deadline)) {
            JsonPath status = importStatus(service, tenant, id);
            if (!List.of("pending", "processing").contains(status.getString("status"))) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not end");
    }

    private static String checksum(String tenant) throws SQLException {
        try (Connection c = jdbc();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "select count(*), md5(string_agg(email || '|' || name || '|' || coalesce(phone, '') || '|' || custom_fields::text, ','"
                                + " order by email)) from contacts where tenant_id = '" + tenant
                                + "' and deleted_at is null")) {
            r.next();
            return r.getInt(1) + "/" + r.getString(2);
        }
    }

    @Test
    void finishesAnImportExactlyOnceAfterTheServiceIsKilledMidway() throws Exception {
        Path log = Files.createTempFile("service-import", ".log");
        Path csv = Files.createTempFile("import", ".csv");
        int rows = 100_000;
        StringBuilder text = new StringBuilder("email,name,phone,Score\n");
        for (int i = 1; i <= rows; i++) {
            String score = i % 50 == 0 ? "not a number" : String.valueOf(i % 977);
            text.append("user")
                    .append(i)
                    .append("@example.com,User ")
                    .append(i)
                    .append(",+4850")
                    .append(String.format("%07d", i))
                    .append(',')
                    .append(score)
                    .append('\n');
        }
        Files.writeString(csv, text);
        String steady = Tokens.newTenant();
        String crashed = Tokens.newTenant();
        for (String tenant : List.of(steady, crashed)) {
            execute(
                    "insert into property_definitions (tenant_id, entity_type, key, title, type, created_at, created_by, updated_at)"
                            + " values ('" + tenant + "', 'contact', 'score', 'Score', 'number', now(), 'it', now())");
        }
        String crashedId;
        try (ServiceProcess first = new ServiceProcess(DATABASE, SMALL_CHUNKS, log).start()) {
            JsonPath reference = awaitImport(first, steady, upload(first, steady, csv));
            assertEquals("completed", reference.getString("status"));
            crashedId = upload(first, crashed, csv);
            Instant deadline = Instant.now().plusSeconds(120);
            int done = 0;
            while (done < rows / 10 && Instant.now().isBefore(deadline)) {
                JsonPath status = importStatus(first, crashed, crashedId);
                done = status.getInt("successCount") + status.getInt("failedCount");
                Thread.sleep(20);
            }
            assertTrue(done < rows, "the import ended before the kill; it must span many chunks");
            first.kill();
        }
        try (ServiceProcess second = new ServiceProcess(DATABASE, SMALL_CHUNKS, log).start()) {
            JsonPath status = awaitImport(second, crashed, crashedId);
            assertEquals("completed", status.getString("status"));
            assertEquals(rows, status.getInt("totalRows"));
            assertEquals(rows - rows / 50, status.getInt("successCount"));
            assertEquals(rows / 50, status.getInt("failedCount"));
            assertEquals(rows - rows / 50, status.getInt("createdCount"));
            assertEquals(0, status.getInt("updatedCount"));
        }
        assertEquals(checksum(steady), checksum(crashed));
        assertEquals(rows / 50, count("select count(*) from task_errors where task_id = '" + crashedId + "'"));
    }

    @Test
    void twoInstancesShareTwentyTasksAndEachRunsExactlyOnce() throws Exception {
        Path log = Files.createTempFile("service-pair", ".log");
        String tenant = Tokens.newTenant();
        List<String> ids = new ArrayList<>();
        try (ServiceProcess one = new ServiceProcess(DATABASE, SMALL_CHUNKS, log).start();
                ServiceProcess two = new ServiceProcess(DATABASE, SMALL_CHUNKS, log).start()) {
            for (int i = 0; i < 20; i++) {
                seed(tenant, "p" + i, 2_000);
            }
            for (int i = 0; i < 20; i++) {
                ids.add(deleteProperty(i % 2 == 0 ? one : two, tenant, "p" + i));
            }
            Set<String> distinct = new HashSet<>(ids);
            assertEquals(20, distinct.size());
            for (String id : ids) {
                JsonPath done = awaitEnd(one, tenant, id, Duration.ofSeconds(180));
                assertEquals("completed", done.getString("status"), id);
                assertEquals(2_000, done.getInt("processed_count"), id);
                assertEquals(2_000, done.getInt("succeeded_count"), id);
            }
        }
        assertEquals(
                0,
                count("select count(*) from contacts where tenant_id = '" + tenant
                        + "' and custom_fields - 'kept' <> '{}'"));
    }
}
