package com.contactproperties.platform.security;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start the production profile without a verification key, an issuer and an audience:
 * SmallRye JWT checks issuer and audience only when they are configured, and the development key
 * must never be trusted in production.
 */
@ApplicationScoped
@IfBuildProfile("prod")
class ProductionGuard {

    void onStart(@Observes StartupEvent event, Config config) {
        List<String> missing =
                List.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES").stream()
                        .filter(variable -> config.getOptionalValue(toProperty(variable), String.class)
                                .isEmpty())
                        .toList();
        boolean inlineKey =
                config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent();
        List<String> required = inlineKey
                ? missing.stream().filter(v -> !v.endsWith("LOCATION")).toList()
                : missing;
        if (!required.isEmpty()) {
            throw new IllegalStateException("Token verification is not configured: set " + String.join(", ", required)
                    + " (see README, section Configuration)");
        }
    }

    private static String toProperty(String variable) {
        return variable.toLowerCase().replace('_', '.');
    }
}
