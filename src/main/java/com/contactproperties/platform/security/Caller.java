package com.contactproperties.platform.security;

import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the tenant every query is scoped to and the user recorded as author. Captured
 * from the verified token at the edge and passed down explicitly, so that services and background
 * work never depend on request state.
 */
public record Caller(String tenantId, String userId) {

  /** The service's roles ({@code groups} claim): a token needs one of them for any operation. */
  public static final java.util.Set<String> ROLES = java.util.Set.of("owner", "admin", "agent");

  /** The claim that carries the tenant id. */
  public static final String TENANT_CLAIM = "tid";

  /** The caller of a verified token (SmallRye JWT already required {@code tid} and {@code sub}). */
  public static Caller of(JsonWebToken token) {
    return new Caller(claimText(token, TENANT_CLAIM), token.getSubject());
  }

  /** The scopes of a verified token's space-separated {@code scope} claim. */
  public static java.util.Set<String> scopes(JsonWebToken token) {
    String scope = claimText(token, "scope");
    return scope == null ? java.util.Set.of() : java.util.Set.of(scope.strip().split("\\s+"));
  }

  /** A string claim as text, whether the JWT library hands it over as a string or a JSON value. */
  static String claimText(JsonWebToken token, String name) {
    Object value = token.getClaim(name);
    return value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
  }
}
