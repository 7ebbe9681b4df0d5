package com.contactproperties.platform.security;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Permission;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the token's space-separated {@code scope} claim into permissions checked by
 * {@code @PermissionsAllowed("tag:list")}. Only a token with one of the service's roles gets any
 * permission, so a valid token without a role is refused (403) by every operation.
 */
@ApplicationScoped
class ScopeAugmentor implements SecurityIdentityAugmentor {

  static final Set<String> ROLES = Set.of("owner", "admin", "agent");

  @Override
  public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    List<Permission> granted = hasServiceRole(identity) ? permissions(token) : List.of();
    return Uni.createFrom()
        .item(
            QuarkusSecurityIdentity.builder(identity)
                .addPermissionChecker(required -> Uni.createFrom().item(implies(granted, required)))
                .build());
  }

  private static boolean hasServiceRole(SecurityIdentity identity) {
    return identity.getRoles().stream().anyMatch(ROLES::contains);
  }

  private static List<Permission> permissions(JsonWebToken token) {
    String text = Caller.claimText(token, "scope");
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.trim().split("\\s+"))
        .filter(s -> s.indexOf(':') > 0)
        .map(s -> (Permission) new StringPermission(s.substring(0, s.indexOf(':')), s.substring(s.indexOf(':') + 1)))
        .toList();
  }

  private static boolean implies(List<Permission> granted, Permission required) {
    return granted.stream().anyMatch(p -> p.implies(required));
  }
}
