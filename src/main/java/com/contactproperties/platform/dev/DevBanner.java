package com.contactproperties.platform.dev;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Tells the developer in dev mode how to call the service: a ready token and how to mint others. */
@ApplicationScoped
@IfBuildProfile("dev")
class DevBanner {

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    void onStart(@Observes StartupEvent event) {
        String token = DevToken.sign("tn_dev", "usr_dev", List.of("owner"), DevToken.ALL_SCOPES, Duration.ofHours(8));
        Log.infof("""

        ==== Contact Properties (dev mode) ==========================================
        A development token (tenant tn_dev, role owner, every scope, valid 8 hours):

        export TOKEN=%1$s

        curl -H "Authorization: Bearer $TOKEN" http://localhost:%2$d/v1/tags

        Other tenants, roles or scopes:
          ./mvnw -q compile exec:java@dev-token -Dtenant=acme -Droles=agent -Dscopes="tag:list"
        OpenAPI UI: http://localhost:%2$d/q/swagger-ui
        MCP server for AI agents: http://localhost:%2$d/mcp (streamable HTTP; send the same
          token as "Authorization: Bearer ..."; see the README for the MCP Inspector)
        ==============================================================================
        """, token, port);
    }
}
