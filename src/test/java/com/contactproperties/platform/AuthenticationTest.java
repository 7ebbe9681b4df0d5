package com.contactproperties.platform;

import static com.contactproperties.support.Tokens.claims;
import static com.contactproperties.support.Tokens.newTenant;
import static com.contactproperties.support.Tokens.sign;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.contactproperties.platform.dev.DevKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

    private final String tenant = newTenant();

    private static void assertUnauthorized(String authorization) {
        given().header("Authorization", authorization)
                .get("/v1/tags")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer "))
                .header("WWW-Authenticate", containsString("resource_metadata="))
                .body("status", equalTo(401));
    }

    private static void assertForbidden(String token) {
        given().auth()
                .oauth2(token)
                .get("/v1/tags")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void acceptsEachServiceRoleWithTheScope() {
        for (String role : new String[] {"owner", "admin", "agent"}) {
            given().auth()
                    .oauth2(sign(claims(tenant, role, "tag:list")))
                    .get("/v1/tags")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void refusesARequestWithoutToken() {
        given().get("/v1/tags").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void refusesMalformedAuthorizationHeaders() {
        assertUnauthorized("Bearer not-a-jwt");
        assertUnauthorized("Bearer a.b.c");
        assertUnauthorized("Basic dXNlcjpwYXNz");
        assertUnauthorized("Bearer ");
    }

    @Test
    void refusesAnExpiredToken() {
        Instant past = Instant.now().minusSeconds(3600);
        assertUnauthorized("Bearer "
                + sign(claims(tenant, "owner", "tag:list").issuedAt(past).expiresAt(past.plusSeconds(60))));
    }

    @Test
    void refusesATokenNotYetValid() {
        assertUnauthorized("Bearer "
                + sign(claims(tenant, "owner", "tag:list")
                        .claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond())));
    }

    @Test
    void refusesATokenWithoutExpiry() {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String valid = RawJwt.validPayload(tenant);
        given().auth()
                .oauth2(RawJwt.rs256(header, valid))
                .get("/v1/tags")
                .then()
                .statusCode(200);
        assertUnauthorized("Bearer " + RawJwt.rs256(header, valid.replaceAll(",\"exp\":\\d+", "")));
    }

    @Test
    void refusesATokenSignedByAnotherKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        assertUnauthorized("Bearer "
                + claims(tenant, "owner", "tag:list")
                        .jws()
                        .sign(generator.generateKeyPair().getPrivate()));
    }

    @Test
    void refusesAnUnsignedToken() {
        String header = RawJwt.base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = RawJwt.base64(RawJwt.validPayload(tenant));
        assertUnauthorized("Bearer " + header + "." + payload + ".");
    }

    @Test
    void refusesAnHs256TokenKeyedWithThePublicKey() throws Exception {
        byte[] publicPem = Files.readAllBytes(DevKeys.publicKeyFile());
        String token = claims(tenant, "owner", "tag:list")
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(publicPem, "HmacSHA256"));
        assertUnauthorized("Bearer " + token);
    }

    @Test
    void refusesATamperedToken() {
        String[] parts = sign(claims(tenant, "owner", "tag:list")).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(tenant, newTenant());
        assertUnauthorized("Bearer " + parts[0] + "." + RawJwt.base64(payload) + "." + parts[2]);
    }

    @Test
    void refusesATokenWithoutTenant() {
        assertUnauthorized("Bearer " + sign(claims(tenant, "owner", "tag:list").remove("tid")));
    }

    @Test
    void refusesATokenFromAnotherIssuerOrForAnotherAudience() {
        assertUnauthorized("Bearer " + sign(claims(tenant, "owner", "tag:list").issuer("https://evil.example")));
        assertUnauthorized("Bearer " + sign(claims(tenant, "owner", "tag:list").audience("another-service")));
    }

    @Test
    void refusesATokenThatLivesLongerThanAllowed() {
        Instant now = Instant.now();
        assertUnauthorized("Bearer "
                + sign(claims(tenant, "owner", "tag:list").issuedAt(now).expiresAt(now.plusSeconds(86400 * 30))));
    }

    @Test
    void refusesAnOversizedHeaderWithoutServerError() {
        // Over the 16 KiB limit, yet small enough to sit whole in the socket's send buffer: with 64 KiB the
        // server could answer 431 and close while the client was still writing, failing the write instead.
        given().header("Authorization", "Bearer " + "x".repeat(20 * 1024))
                .get("/v1/tags")
                .then()
                .statusCode(anyOf(is(431), is(401)));
    }

    @Test
    void forbidsATokenWithoutTheOperationsScope() {
        assertForbidden(sign(claims(tenant, "owner", "tag:create", "tag:delete", "contact:list")));
        assertForbidden(sign(claims(tenant, "owner")));
        assertForbidden(sign(claims(tenant, "owner", "tag:list").claim("scope", "tag:listx tag")));
    }

    @Test
    void forbidsATokenWithoutAServiceRole() {
        assertForbidden(sign(claims(tenant, null, "tag:list")));
        assertForbidden(sign(claims(tenant, "viewer", "tag:list")));
    }

    @Test
    void enforcesEachTagScopeOnItsOperation() {
        String listOnly = sign(claims(tenant, "agent", "tag:list"));
        given().auth()
                .oauth2(listOnly)
                .contentType("application/json")
                .body("{\"name\":\"x\"}")
                .post("/v1/tags")
                .then()
                .statusCode(403);
        given().auth().oauth2(listOnly).delete("/v1/tags/tag_x").then().statusCode(403);
        given().auth()
                .oauth2(sign(claims(tenant, "agent", "tag:create")))
                .contentType("application/json")
                .body("{\"name\":\"x\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(sign(claims(tenant, "agent", "tag:delete")))
                .delete("/v1/tags/tag_x")
                .then()
                .statusCode(404);
    }
}
