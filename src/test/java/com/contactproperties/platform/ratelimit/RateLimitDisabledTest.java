package com.contactproperties.platform.ratelimit;

import static com.contactproperties.support.Tokens.newTenant;
import static com.contactproperties.support.Tokens.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code contact-properties.rate-limit.enabled=false} switches the limits off, however small. */
@QuarkusTest
@TestProfile(RateLimitDisabledTest.Disabled.class)
class RateLimitDisabledTest {

    /** A budget of one read an hour, switched off. */
    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "contact-properties.rate-limit.enabled",
                    "false",
                    "contact-properties.rate-limit.reads",
                    "1",
                    "contact-properties.rate-limit.period",
                    "PT1H");
        }
    }

    @Test
    void servesEveryRequestWithoutRateLimitHeaders() {
        String tenant = newTenant();
        for (int i = 0; i < 3; i++) {
            given().auth()
                    .oauth2(token(tenant, "tag:list"))
                    .get("/v1/tags")
                    .then()
                    .statusCode(200)
                    .header("RateLimit-Limit", nullValue());
        }
    }
}
