package com.contactproperties.platform.dev;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * Signs development tokens with the key of {@link DevKeys}; run as
 * {@code ./mvnw -q compile exec:java@dev-token -Dtenant=acme -Droles=owner -Dscopes="tag:list"}.
 * The signing library is a "provided" dependency, absent from the packaged service.
 */
public final class DevToken {

    /** Every scope the service knows, the default of a development token. */
    public static final List<String> ALL_SCOPES = List.of(
            "contact:list",
            "contact:read",
            "contact:create",
            "contact:update",
            "contact:delete",
            "tag:list",
            "tag:create",
            "tag:delete",
            "custom_field:list",
            "custom_field:create",
            "custom_field:update",
            "custom_field:delete",
            "event:read",
            "webhook:read",
            "webhook:write");

    private DevToken() {}

    /** A token for the given tenant, user, roles and scopes, valid for the given time. */
    public static String sign(String tenant, String user, List<String> roles, List<String> scopes, Duration ttl) {
        return Jwt.issuer(DevKeys.ISSUER)
                .audience(DevKeys.AUDIENCE)
                .subject(user)
                .claim("tid", tenant)
                .groups(new HashSet<>(roles))
                .claim("scope", String.join(" ", scopes))
                .expiresIn(ttl)
                .jws()
                .keyId("dev")
                .sign(DevKeys.privateKey());
    }

    /** Prints one token; system properties {@code tenant}, {@code user}, {@code roles}, {@code scopes}. */
    public static void main(String[] args) {
        String tenant = System.getProperty("tenant", "tn_dev");
        String user = System.getProperty("user", "usr_dev");
        List<String> roles = split(System.getProperty("roles", "owner"));
        String scopes = System.getProperty("scopes");
        System.out.println(sign(tenant, user, roles, scopes == null ? ALL_SCOPES : split(scopes), Duration.ofHours(8)));
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }
}
