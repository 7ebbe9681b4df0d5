package com.contactproperties.api.properties;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static com.contactproperties.support.WebhookReceiver.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.platform.dev.DevToken;
import com.contactproperties.support.Tokens;
import com.contactproperties.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Webhook subscriptions through the API, and deliveries to a receiver the test starts on 127.0.0.1
 * (the test profile's development switch allows http and loopback; {@link WebhookSsrfTest} runs with it off).
 */
@QuarkusTest
class WebhookTest {

    private final String tenant = newTenant();

    private JsonPath createWebhook(String tenantId, String url, String types) {
        return as(tenantId)
                .body("{\"url\": \"" + url + "\", \"event_types\": " + types + "}")
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private String contact(String tenantId, String email) {
        return as(tenantId)
                .body("{\"name\": \"Ann\", \"email\": \"" + email + "\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private JsonPath deliveries(String webhookId) {
        return as(tenant)
                .get("/api/v1/webhooks/" + webhookId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void awaitDelivery(String webhookId, String status) {
        await(
                "a delivery is " + status,
                () -> status.equals(deliveries(webhookId).getString("deliveries[0].status")));
    }

    /** The receiver's check, written here independently of the service's code. */
    private static String signature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void showsTheSecretOnlyAtCreation() {
        JsonPath created = createWebhook(tenant, "http://127.0.0.1:9/in", "[\"contact.created\"]");
        String id = created.getString("id");
        assertTrue(created.getString("secret").startsWith("whsec_"));
        assertEquals(List.of("contact.created"), created.getList("event_types"));
        assertTrue(created.getBoolean("active"));
        as(tenant)
                .get("/api/v1/webhooks/" + id)
                .then()
                .statusCode(200)
                .body("url", equalTo("http://127.0.0.1:9/in"))
                .body("$", not(hasKey("secret")));
        as(tenant).get("/api/v1/webhooks").then().statusCode(200).body("webhooks[0].id", equalTo(id));
        String rotated = as(tenant)
                .post("/api/v1/webhooks/" + id + "/rotate-secret")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        assertTrue(rotated.startsWith("whsec_"));
        assertNotEquals(created.getString("secret"), rotated);
    }

    @Test
    void subscribesToEveryTypeWhenNoneIsNamedAndPagesTheList() {
        for (int i = 0; i < 3; i++) {
            as(tenant)
                    .body("{\"url\": \"http://127.0.0.1:9/" + i + "\"}")
                    .post("/api/v1/webhooks")
                    .then()
                    .statusCode(201)
                    .body("event_types", equalTo(List.of("*")));
        }
        JsonPath first = as(tenant)
                .queryParam("page_size", 2)
                .get("/api/v1/webhooks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(2, first.getList("webhooks").size());
        as(tenant)
                .queryParam("page_token", first.getString("next_page_token"))
                .get("/api/v1/webhooks")
                .then()
                .statusCode(200)
                .body("webhooks[0].url", equalTo("http://127.0.0.1:9/2"))
                .body("next_page_token", nullValue());
    }

    @Test
    void refusesInvalidSubscriptionsNamingTheField() {
        problem(
                        as(tenant)
                                .body("{\"event_types\": [\"*\"]}")
                                .post("/api/v1/webhooks")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("url"));
        problem(
                        as(tenant)
                                .body("{\"url\": \"http://127.0.0.1:9\", \"event_types\": [\"contact.teleported\"]}")
                                .post("/api/v1/webhooks")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("event_types[0]"))
                .body("errors[0].message", containsString("contact.updated"));
        problem(
                        as(tenant)
                                .body("{\"url\": \"http://127.0.0.1:9\", \"event_types\": []}")
                                .post("/api/v1/webhooks")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("event_types"));
        problem(
                        as(tenant)
                                .body("{\"url\": \"http://127.0.0.1:9\", \"description\": \"" + "x".repeat(501) + "\"}")
                                .post("/api/v1/webhooks")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("description"));
        problem(
                        as(tenant)
                                .body("{\"url\": \"ftp://hooks.example.com\"}")
                                .post("/api/v1/webhooks")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("url"));
        problem(
                as(tenant)
                        .body("{\"url\": 42, \"colour\": 1}")
                        .post("/api/v1/webhooks")
                        .then(),
                400);
        problem(as(tenant).queryParam("page_size", 0).get("/api/v1/webhooks").then(), 400)
                .body("errors[0].field", equalTo("pageSize"));
        problem(
                as(tenant)
                        .queryParam("page_token", "forged")
                        .get("/api/v1/webhooks")
                        .then(),
                400);
    }

    @Test
    void letsOnlyOwnersAndAdminsWithTheScopeManageWebhooks() {
        String[] all = DevToken.ALL_SCOPES.toArray(String[]::new);
        String body = "{\"url\": \"http://127.0.0.1:9/in\"}";
        problem(
                given().auth()
                        .oauth2(Tokens.sign(Tokens.claims(tenant, "agent", all)))
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/v1/webhooks")
                        .then(),
                403);
        problem(
                given().auth()
                        .oauth2(Tokens.sign(Tokens.claims(tenant, "agent", all)))
                        .get("/api/v1/webhooks")
                        .then(),
                403);
        problem(as(tenant, "webhook:read").body(body).post("/api/v1/webhooks").then(), 403);
        problem(as(tenant, "webhook:write").get("/api/v1/webhooks").then(), 403);
        given().auth()
                .oauth2(Tokens.sign(Tokens.claims(tenant, "admin", "webhook:write")))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201);
        problem(given().get("/api/v1/webhooks").then(), 401);
    }

    @Test
    void answers404ForAnotherTenantsWebhookAndDelivery() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = createWebhook(tenant, receiver.url("/in"), "[\"contact.created\"]")
                    .getString("id");
            contact(tenant, "ann@example.com");
            awaitDelivery(id, "succeeded");
            String delivery = deliveries(id).getString("deliveries[0].id");
            String other = newTenant();
            String base = "/api/v1/webhooks/" + id;
            problem(as(other).get(base).then(), 404);
            problem(as(other).body("{\"active\": false}").patch(base).then(), 404);
            problem(as(other).post(base + "/rotate-secret").then(), 404);
            problem(as(other).get(base + "/deliveries").then(), 404);
            problem(as(other).post(base + "/deliveries/" + delivery + "/retry").then(), 404);
            problem(as(other).delete(base).then(), 404);
            as(other).get("/api/v1/webhooks").then().statusCode(200).body("webhooks.size()", equalTo(0));
            problem(as(tenant).post(base + "/deliveries/dlv_unknown/retry").then(), 404);
            as(tenant).get(base).then().statusCode(200);
        }
    }

    @Test
    void deliversASignedEventThatTheReceiverVerifies() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonPath created = createWebhook(tenant, receiver.url("/in"), "[\"contact.created\"]");
            String contactId = contact(tenant, "bea@example.com");
            await("the receiver got the event", () -> receiver.received("/in").size() == 1);

            WebhookReceiver.Received request = receiver.received("/in").get(0);
            JsonObject event = new JsonObject(request.body());
            assertEquals("contact.created", event.getString("type"));
            assertEquals(contactId, event.getString("object_id"));
            assertEquals(tenant, event.getString("tenant_id"));
            assertEquals("api", event.getString("source"));
            assertEquals(event.getString("id"), request.header("webhook-id"));
            assertTrue(request.header("content-type").startsWith("application/json"));
            assertTrue(request.header("webhook-timestamp").matches("\\d{10}"));
            assertEquals(
                    signature(
                            created.getString("secret"),
                            request.header("webhook-id"),
                            request.header("webhook-timestamp"),
                            request.body()),
                    request.header("webhook-signature"));

            awaitDelivery(created.getString("id"), "succeeded");
            JsonPath list = deliveries(created.getString("id"));
            assertEquals(event.getString("id"), list.getString("deliveries[0].event_id"));
            assertEquals(contactId, list.getString("deliveries[0].object_id"));
            assertEquals(1, list.getInt("deliveries[0].attempt_count"));
            assertEquals(200, list.getInt("deliveries[0].attempts[0].status_code"));
            assertEquals(200, list.getInt("deliveries[0].last_status_code"));
        }
    }

    @Test
    void retriesAFailingReceiverUntilItRecovers() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(500, 503)) {
            String id = createWebhook(tenant, receiver.url("/in"), "[\"contact.created\"]")
                    .getString("id");
            contact(tenant, "cleo@example.com");
            awaitDelivery(id, "succeeded");

            JsonPath delivery = deliveries(id);
            assertEquals(3, delivery.getInt("deliveries[0].attempt_count"));
            assertEquals(List.of(500, 503, 200), delivery.getList("deliveries[0].attempts.status_code"));
            assertEquals("HTTP 500: receiver down", delivery.getString("deliveries[0].attempts[0].error"));
            List<WebhookReceiver.Received> requests = receiver.received("/in");
            assertEquals(3, requests.size());
            assertEquals(
                    1,
                    requests.stream()
                            .map(r -> r.header("webhook-id"))
                            .distinct()
                            .count());
            as(tenant).get("/api/v1/webhooks/" + id).then().statusCode(200).body("active", equalTo(true));
        }
    }

    @Test
    void neverFollowsARedirect() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = createWebhook(tenant, receiver.url("/redirect"), "[\"contact.created\"]")
                    .getString("id");
            contact(tenant, "dan@example.com");
            awaitDelivery(id, "failed");

            JsonPath delivery = deliveries(id);
            assertEquals(302, delivery.getInt("deliveries[0].attempts[0].status_code"));
            assertTrue(delivery.getString("deliveries[0].last_error").startsWith("redirects are not followed"));
            assertEquals(4, receiver.received("/redirect").size());
            assertEquals(0, receiver.received("/elsewhere").size());
        }
    }

    @Test
    void failsAnAttemptWhoseAnswerIsTooLong() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = createWebhook(tenant, receiver.url("/big"), "[\"contact.created\"]")
                    .getString("id");
            contact(tenant, "big@example.com");
            awaitDelivery(id, "failed");
            assertEquals(
                    "the answer is longer than 4096 bytes",
                    deliveries(id).getString("deliveries[0].attempts[0].error"));
        }
    }

    @Test
    void retriesAnAttemptThatTimedOut() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = createWebhook(tenant, receiver.url("/slow"), "[\"contact.created\"]")
                    .getString("id");
            contact(tenant, "slow@example.com");
            awaitDelivery(id, "succeeded");
            JsonPath delivery = deliveries(id);
            assertEquals(2, delivery.getInt("deliveries[0].attempt_count"));
            assertNull(delivery.get("deliveries[0].attempts[0].status_code"));
            assertTrue(
                    delivery.getString("deliveries[0].attempts[0].error").startsWith("no answer within"),
                    delivery.prettify());
            assertEquals(200, delivery.getInt("deliveries[0].attempts[1].status_code"));
        }
    }

    @Test
    void disablesASubscriptionThatFailsForTheWholeRetryPeriodAndRecoversWhenReenabled() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(500, 500, 500, 500)) {
            String id = createWebhook(tenant, receiver.url("/in"), "[\"contact.created\"]")
                    .getString("id");
            contact(tenant, "eve@example.com");
            awaitDelivery(id, "failed");

            as(tenant)
                    .get("/api/v1/webhooks/" + id)
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(false))
                    .body("disabled_reason", containsString("HTTP 500"))
                    .body("disabled_at", startsWith("20"));
            String delivery = deliveries(id).getString("deliveries[0].id");
            problem(
                            as(tenant)
                                    .post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/retry")
                                    .then(),
                            409)
                    .body("errors[0].field", equalTo("active"));

            as(tenant)
                    .body("{\"active\": true}")
                    .patch("/api/v1/webhooks/" + id)
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(true))
                    .body("disabled_reason", nullValue());
            as(tenant)
                    .post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/retry")
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("pending"));
            awaitDelivery(id, "succeeded");
            assertEquals(5, deliveries(id).getInt("deliveries[0].attempt_count"));
            assertEquals(5, receiver.received("/in").size());
        }
    }

    @Test
    void deliversTheEventsOfOneContactInTheirOrderEvenWhenOneIsRetried() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(500)) {
            String id = createWebhook(tenant, receiver.url("/in"), "[\"contact.created\", \"contact.updated\"]")
                    .getString("id");
            String contactId = contact(tenant, "fay@example.com");
            for (int i = 1; i <= 4; i++) {
                as(tenant)
                        .body("{\"name\": \"Fay " + i + "\"}")
                        .patch("/v1/contacts/" + contactId)
                        .then()
                        .statusCode(200);
            }
            await(
                    "five events delivered",
                    () -> deliveries(id).getList("deliveries.status").stream()
                                    .filter("succeeded"::equals)
                                    .count()
                            == 5);

            List<String> names = receiver.received("/in").stream()
                    .map(r -> new JsonObject(r.body()))
                    .map(e -> e.getString("type")
                            + (e.getString("type").equals("contact.updated")
                                    ? ":"
                                            + e.getJsonObject("data")
                                                    .getJsonObject("changes")
                                                    .getJsonObject("name")
                                                    .getString("new")
                                    : ""))
                    .toList();
            assertEquals(
                    List.of(
                            "contact.created",
                            "contact.created",
                            "contact.updated:Fay 1",
                            "contact.updated:Fay 2",
                            "contact.updated:Fay 3",
                            "contact.updated:Fay 4"),
                    names);
        }
    }

    @Test
    void neverDeliversAnotherTenantsEvents() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = createWebhook(tenant, receiver.url("/in"), "[\"contact.created\"]")
                    .getString("id");
            String other = newTenant();
            createWebhook(other, receiver.url("/other"), "[\"*\"]");
            contact(other, "gus@example.com");
            String mine = contact(tenant, "gus@example.com");
            awaitDelivery(id, "succeeded");

            List<WebhookReceiver.Received> requests = receiver.received("/in");
            assertEquals(1, requests.size());
            await(
                    "the other tenant's receiver got its event",
                    () -> receiver.received("/other").size() >= 1);
            assertTrue(receiver.received("/other").stream()
                    .map(r -> new JsonObject(r.body()))
                    .allMatch(e -> e.getString("tenant_id").equals(other)));
            assertEquals(mine, new JsonObject(requests.get(0).body()).getString("object_id"));
            assertEquals(1, deliveries(id).getList("deliveries").size());
        }
    }

    @Test
    void sendsNothingToAnInactiveSubscriptionNorForUnsubscribedTypes() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String inactive =
                    createWebhook(tenant, receiver.url("/off"), "[\"*\"]").getString("id");
            as(tenant)
                    .body("{\"active\": false}")
                    .patch("/api/v1/webhooks/" + inactive)
                    .then()
                    .statusCode(200);
            String archived = createWebhook(tenant, receiver.url("/archived"), "[\"contact.archived\"]")
                    .getString("id");
            String all = createWebhook(tenant, receiver.url("/all"), "[\"*\"]").getString("id");
            contact(tenant, "hal@example.com");
            awaitDelivery(all, "succeeded");

            assertEquals(0, deliveries(inactive).getList("deliveries").size());
            assertEquals(0, deliveries(archived).getList("deliveries").size());
            assertEquals(0, receiver.received("/off").size());
        }
    }

    @Test
    void deletingASubscriptionStopsItsDeliveries() throws Exception {
        String id = createWebhook(tenant, "http://127.0.0.1:9/in", "[\"*\"]").getString("id");
        as(tenant).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        problem(as(tenant).get("/api/v1/webhooks/" + id).then(), 404);
        problem(as(tenant).delete("/api/v1/webhooks/" + id).then(), 404);
    }
}
