package com.contactproperties.support;

import com.contactproperties.platform.dev.DevKeys;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Signed test tokens, built with the same key pair the test profile verifies against. */
public final class Tokens {

    private Tokens() {}

    /** A fresh tenant id, so that every test sees only its own data. */
    public static String newTenant() {
        return "tn_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A valid owner token for the tenant with the given scopes. */
    public static String token(String tenant, String... scopes) {
        return sign(claims(tenant, "owner", scopes));
    }

    /** The claims of a valid token, for tests that alter one of them. */
    public static JwtClaimsBuilder claims(String tenant, String role, String... scopes) {
        Instant now = Instant.now();
        return Jwt.issuer(DevKeys.ISSUER)
                .audience(DevKeys.AUDIENCE)
                .subject("usr_test")
                .claim("tid", tenant)
                .groups(role == null ? Set.of() : Set.of(role))
                .claim("scope", String.join(" ", scopes))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(600));
    }

    /** Signs the claims with the test key. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().sign(DevKeys.privateKey());
    }
}
