package com.contactproperties.api.mcp;

import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.contactproperties.platform.dev.DevToken;
import com.contactproperties.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What one HTTP request to /mcp may ask: a token with a service role, and a bounded JSON-RPC batch.
 * A batch of thousands of messages, or a token without a role, is refused before any MCP method
 * runs, and the largest request the limits allow leaves the service free to answer others.
 */
@QuarkusTest
class McpLimitsTest {

    private static final String ACCEPT = "application/json, text/event-stream";

    @TestHTTPResource("/")
    URI base;

    private final String tenant = newTenant();
    private final String token = Tokens.token(tenant, DevToken.ALL_SCOPES.toArray(String[]::new));

    private static RequestSpecification mcp(String token) {
        return given().auth().oauth2(token).header("Accept", ACCEPT).contentType("application/json");
    }

    private static String initialize(String token) {
        JsonObject init = new JsonObject()
                .put("jsonrpc", "2.0")
                .put("id", 1)
                .put("method", "initialize")
                .put(
                        "params",
                        new JsonObject()
                                .put("protocolVersion", "2025-03-26")
                                .put("capabilities", new JsonObject())
                                .put(
                                        "clientInfo",
                                        new JsonObject()
                                                .put("name", "limits-test")
                                                .put("version", "1")));
        String session = mcp(token)
                .body(init.encode())
                .post("/mcp")
                .then()
                .statusCode(200)
                .extract()
                .header("Mcp-Session-Id");
        mcp(token)
                .header("Mcp-Session-Id", session)
                .body(new JsonObject()
                        .put("jsonrpc", "2.0")
                        .put("method", "notifications/initialized")
                        .encode())
                .post("/mcp")
                .then()
                .statusCode(202);
        return session;
    }

    private static JsonArray batch(int size, int firstId, String method, JsonObject params) {
        JsonArray batch = new JsonArray();
        IntStream.range(0, size)
                .forEach(i -> batch.add(new JsonObject()
                        .put("jsonrpc", "2.0")
                        .put("id", firstId + i)
                        .put("method", method)
                        .put("params", params)));
        return batch;
    }

    /** The JSON-RPC answers of a body, streamed as server-sent events or sent as JSON. */
    private static JsonArray answers(String body) {
        JsonArray answers = new JsonArray();
        if (body.strip().startsWith("[")) {
            return new JsonArray(body);
        }
        body.lines()
                .filter(line -> line.startsWith("data:"))
                .map(line -> new JsonObject(line.substring(5).strip()))
                .filter(message -> message.containsKey("id"))
                .forEach(answers::add);
        return answers.isEmpty() && body.strip().startsWith("{") ? answers.add(new JsonObject(body)) : answers;
    }

    @Test
    void refusesABatchLargerThanTheLimitAtOnce() {
        String session = initialize(token);
        mcp(token)
                .header("Mcp-Session-Id", session)
                .body(batch(3_000, 10, "tools/list", new JsonObject()).encode())
                .post("/mcp")
                .then()
                .statusCode(400)
                .contentType(containsString("application/json"))
                .body("jsonrpc", equalTo("2.0"))
                .body("error.code", equalTo(-32600))
                .body("error.message", containsString("at most 10 messages; this one holds 3000"));
    }

    @Test
    void answersEveryMessageOfABatchWithinTheLimit() {
        String session = initialize(token);
        String answer = mcp(token)
                .header("Mcp-Session-Id", session)
                .body(batch(10, 10, "tools/list", new JsonObject()).encode())
                .post("/mcp")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonArray answers = answers(answer);
        assertEquals(10, answers.size(), "one answer per message");
        answers.forEach(a -> assertFalse(
                ((JsonObject) a).getJsonObject("result").getJsonArray("tools").isEmpty()));
    }

    @Test
    void refusesATokenWithoutAServiceRoleBeforeAnyMethod() {
        String[] scopes = DevToken.ALL_SCOPES.toArray(String[]::new);
        for (String role : Arrays.asList(null, "stranger")) {
            String roleless = Tokens.sign(Tokens.claims(tenant, role, scopes));
            JsonObject init = new JsonObject()
                    .put("jsonrpc", "2.0")
                    .put("id", 1)
                    .put("method", "initialize")
                    .put(
                            "params",
                            new JsonObject()
                                    .put("protocolVersion", "2025-03-26")
                                    .put("capabilities", new JsonObject())
                                    .put(
                                            "clientInfo",
                                            new JsonObject().put("name", "t").put("version", "1")));
            problem(mcp(roleless).body(init.encode()).post("/mcp").then(), 403)
                    .body("type", equalTo("/problems/forbidden"));
            problem(
                    mcp(roleless)
                            .body(batch(3_000, 10, "tools/list", new JsonObject())
                                    .encode())
                            .post("/mcp")
                            .then(),
                    403);
        }
    }

    /**
     * The largest request the limits allow (a full batch of bulk updates of 1,000 entries each) is
     * held open, its last bytes not yet sent, while other requests are made: they are answered while
     * it is still running, and it is answered in full once complete.
     */
    @Test
    void answersOtherRequestsWhileTheLargestAllowedRequestRuns() throws Exception {
        String session = initialize(token);
        JsonArray entries = new JsonArray();
        IntStream.range(0, 1_000)
                .forEach(i -> entries.add(new JsonObject()
                        .put("email", "nobody" + i + "@example.com")
                        .put("updates", new JsonObject().put("name", "Name " + i))));
        JsonObject call = new JsonObject()
                .put("name", "bulk_update_contacts")
                .put("arguments", new JsonObject().put("contacts", entries));
        byte[] body = batch(10, 100, "tools/call", call).encode().getBytes(StandardCharsets.UTF_8);

        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        SubmissionPublisher<ByteBuffer> upload = new SubmissionPublisher<>();
        CompletableFuture<HttpResponse<String>> big = client.sendAsync(
                HttpRequest.newBuilder(base.resolve("/mcp"))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", ACCEPT)
                        .header("Content-Type", "application/json")
                        .header("Mcp-Session-Id", session)
                        .POST(HttpRequest.BodyPublishers.fromPublisher(upload, body.length))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // A publisher drops what is submitted before the client subscribes to it.
        for (int i = 0; i < 600 && upload.getNumberOfSubscribers() == 0; i++) {
            Thread.sleep(50);
        }
        int half = body.length / 2;
        upload.submit(ByteBuffer.wrap(body, 0, half));

        assertEquals(
                200,
                client.send(
                                HttpRequest.newBuilder(base.resolve("/q/health/live"))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode());
        assertEquals(
                200,
                client.send(
                                HttpRequest.newBuilder(base.resolve("/v1/tags"))
                                        .header("Authorization", "Bearer " + token)
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode());
        assertFalse(big.isDone(), "the large request is still running while the others were answered");

        upload.submit(ByteBuffer.wrap(body, half, body.length - half));
        upload.close();
        HttpResponse<String> answer = big.get(120, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        JsonArray answers = answers(answer.body());
        assertEquals(10, answers.size(), "one answer per message");
        answers.forEach(a -> assertEquals(
                1_000,
                ((JsonObject) a)
                        .getJsonObject("result")
                        .getJsonObject("structuredContent")
                        .getJsonArray("not_found")
                        .size(),
                a.toString()));
    }
}
