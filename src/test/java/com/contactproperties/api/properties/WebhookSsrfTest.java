package com.contactproperties.api.properties;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static com.contactproperties.support.WebhookReceiver.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.support.Database;
import com.contactproperties.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server-side request forgery refused through the API, with the development switch off as in production. */
@QuarkusTest
@TestProfile(WebhookSsrfTest.Strict.class)
class WebhookSsrfTest {

    /** The production setting: only https to public addresses. */
    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("contact-properties.webhooks.allow-insecure-urls", "false");
        }
    }

    private final String tenant = newTenant();

    @Inject
    Database database;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://[::1]/hook",
                "https://0.0.0.0/hook",
                "https://127.1/hook",
                "https://0x7f.1/hook",
                "https://2130706433/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/",
                "https://10.0.0.1/hook",
                "https://192.168.1.10/hook",
                "https://100.64.0.1/hook",
                "http://127.0.0.1:8080/hook"
            })
    void refusesAUrlThatReachesTheServicesOwnNetwork(String url) {
        problem(
                        as(tenant)
                                .body("{\"url\": \"" + url + "\"}")
                                .post("/api/v1/webhooks")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("url"));
        as(tenant).get("/api/v1/webhooks").then().statusCode(200).body("webhooks.size()", equalTo(0));
    }

    @Test
    void refusesSuchAUrlOnUpdateToo() {
        database.execute(
                "insert into webhook_subscriptions (tenant_id, id, url, event_types, active, secret, active_since,"
                        + " created_at, created_by, updated_at) values ($1, 'whk_fixture', 'https://192.0.2.1/hook',"
                        + " array['*'], true, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now(), now(), 'it', now())",
                tenant);
        problem(
                        as(tenant)
                                .body("{\"url\": \"https://127.1/\"}")
                                .patch("/api/v1/webhooks/whk_fixture")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("loopback"));
    }

    @Test
    void checksTheAddressAgainBeforeEveryDeliveryAndNeverConnects() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // A subscription stored while the development switch was on: delivery must still refuse it.
            database.execute(
                    "insert into webhook_subscriptions (tenant_id, id, url, event_types, active, secret, active_since,"
                            + " created_at, created_by, updated_at) values ($1, 'whk_loopback', $2, array['*'], true,"
                            + " 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now(), now(), 'it', now())",
                    tenant,
                    receiver.url("/in"));
            database.execute(
                    "insert into webhook_cursors (tenant_id, txid, seq, updated_at) values ($1, '0', 0, now())",
                    tenant);
            as(tenant)
                    .body("{\"name\": \"Ivy\", \"email\": \"ivy@example.com\"}")
                    .post("/v1/contacts")
                    .then()
                    .statusCode(201);
            await("the delivery failed", () -> "failed".equals(deliveries().getString("deliveries[0].status")));
            JsonPath delivery = deliveries();
            assertTrue(
                    delivery.getString("deliveries[0].last_error").contains("must be an https URL"),
                    delivery.prettify());
            assertEquals(0, receiver.received().size());
        }
    }

    private JsonPath deliveries() {
        return as(tenant)
                .get("/api/v1/webhooks/whk_loopback/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
