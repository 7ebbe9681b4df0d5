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
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the token's space-separated {@code scope} claim into permissions checked by
 * {@code @PermissionsAllowed("tag:list")}. Only a token with one of the service's roles gets any
 * permission, so a valid token without a role is refused (403) by every operation.
 */
@ApplicationScoped
class ScopeAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> granted = Caller.hasServiceRole(identity) ? Caller.scopes(token) : Set.of();
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(identity)
                        .addPermissionChecker(required -> Uni.createFrom().item(grants(granted, required)))
                        .build());
    }

    /**
     * Whether the scopes grant a permission: {@code @PermissionsAllowed("contact:create")} is the
     * permission "contact" with the action "create", and several scopes of one name arrive merged
     * as one permission with several actions, every one of which must be granted.
     */
    private static boolean grants(Set<String> scopes, Permission required) {
        if (!(required instanceof StringPermission permission)
                || permission.getActions() == null
                || permission.getActions().isBlank()) {
            return false;
        }
        return Arrays.stream(permission.getActions().split(","))
                .allMatch(action -> scopes.contains(permission.getName() + ":" + action.strip()));
    }
}
