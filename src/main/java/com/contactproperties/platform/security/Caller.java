package com.contactproperties.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the tenant every query is scoped to and the user recorded as author. Captured
 * from the verified token at the edge and passed down explicitly, so that services and background
 * work never depend on request state. {@code source} names the surface the call came through
 * ({@code api}, {@code mcp}), as change events record it.
 */
public record Caller(String tenantId, String userId, String source) {

    /** A caller of the HTTP APIs. */
    public Caller(String tenantId, String userId) {
        this(tenantId, userId, "api");
    }

    /** The same caller, coming through another surface. */
    public Caller via(String surface) {
        return new Caller(tenantId, userId, surface);
    }

    /** The service's roles ({@code groups} claim): a token needs one of them for any operation. */
    private static final Set<String> ROLES = Set.of("owner", "admin", "agent");

    /** Whether the identity holds one of the service's roles. */
    public static boolean hasServiceRole(SecurityIdentity identity) {
        return identity.getRoles().stream().anyMatch(ROLES::contains);
    }

    /** The claim that carries the tenant id. */
    public static final String TENANT_CLAIM = "tid";

    /** The caller of a verified token (SmallRye JWT already required {@code tid} and {@code sub}). */
    public static Caller of(JsonWebToken token) {
        return new Caller(claimText(token, TENANT_CLAIM), token.getSubject());
    }

    /** The scopes of a verified token's space-separated {@code scope} claim. */
    public static Set<String> scopes(JsonWebToken token) {
        String scope = claimText(token, "scope");
        return scope == null ? Set.of() : Set.of(scope.strip().split("\\s+"));
    }

    /** A string claim as text, whether the JWT library hands it over as a string or a JSON value. */
    static String claimText(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
    }
}
