package com.contactproperties.api.mcp;

import static com.contactproperties.support.Tokens.newTenant;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.platform.dev.DevToken;
import com.contactproperties.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code resources.subscribe} capability is kept: a session subscribed to contacts://properties
 * hears on its GET /mcp stream that its tenant's properties changed, and only its tenant's; the
 * stream carries no debug log notification.
 */
@QuarkusTest
class McpUpdatesTest {

    private static final String ACCEPT = "application/json, text/event-stream";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One tenant's session, subscribed, with its open stream's data lines. */
    private record Listener(String token, String session, BlockingQueue<String> data) {}

    private static RequestSpecification mcp(String token) {
        return given().auth().oauth2(token).header("Accept", ACCEPT).contentType("application/json");
    }

    private static String rpc(int id, String method, JsonObject params) {
        return new JsonObject()
                .put("jsonrpc", "2.0")
                .put("id", id)
                .put("method", method)
                .put("params", params)
                .encode();
    }

    private static Listener listen(String tenant) throws Exception {
        String token = Tokens.token(tenant, DevToken.ALL_SCOPES.toArray(String[]::new));
        var initialized = mcp(token)
                .body(rpc(
                        1,
                        "initialize",
                        new JsonObject()
                                .put("protocolVersion", "2025-06-18")
                                .put("capabilities", new JsonObject())
                                .put(
                                        "clientInfo",
                                        new JsonObject()
                                                .put("name", "updates-test")
                                                .put("version", "1"))))
                .post("/mcp")
                .then()
                .statusCode(200)
                .extract();
        String session = initialized.header("Mcp-Session-Id");
        assertTrue(
                initialized.asString().contains("\"subscribe\":true"),
                "the server advertises subscriptions: " + initialized.asString());
        mcp(token)
                .header("Mcp-Session-Id", session)
                .body(rpc(2, "resources/subscribe", new JsonObject().put("uri", "contacts://properties")))
                .post("/mcp")
                .then()
                .statusCode(200);

        BlockingQueue<String> data = new LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/mcp"))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream")
                        .header("Mcp-Session-Id", session)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertEquals(
                "text/event-stream", stream.headers().firstValue("Content-Type").orElse(""));
        Thread reader = new Thread(() -> stream.body()
                .filter(line -> line.startsWith("data:"))
                .forEach(line -> data.add(line.substring(5).trim())));
        reader.setDaemon(true);
        reader.start();
        return new Listener(token, session, data);
    }

    private static void createProperty(Listener listener, String title) {
        given().auth()
                .oauth2(listener.token())
                .contentType("application/json")
                .body(new JsonObject()
                        .put(
                                "contact_property",
                                new JsonObject().put("title", title).put("property_type", "text"))
                        .encode())
                .post("/api/v1/contact_properties")
                .then()
                .statusCode(201);
    }

    @Test
    void notifiesTheSubscribedSessionsOfTheTenantWhosePropertiesChanged() throws Exception {
        Listener mine = listen(newTenant());
        Listener other = listen(newTenant());

        createProperty(mine, "Plan");

        String update = mine.data().poll(30, TimeUnit.SECONDS);
        JsonObject notification = new JsonObject(update);
        assertEquals("notifications/resources/updated", notification.getString("method"));
        assertEquals(
                "contacts://properties", notification.getJsonObject("params").getString("uri"));
        // Both streams are written in one pass over this instance's streams: the other tenant's would be here by now.
        assertNull(other.data().poll(1, TimeUnit.SECONDS), "another tenant's change is not announced");

        createProperty(other, "Tier");
        assertEquals(
                "notifications/resources/updated",
                new JsonObject(other.data().poll(30, TimeUnit.SECONDS)).getString("method"));
        assertNull(mine.data().poll(1, TimeUnit.SECONDS), "nothing else is sent, not even a debug log");
    }

    @Test
    void refusesAStreamWithoutASession() {
        String token = Tokens.token(newTenant(), DevToken.ALL_SCOPES.toArray(String[]::new));
        given().auth()
                .oauth2(token)
                .header("Accept", "text/event-stream")
                .get("/mcp")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
