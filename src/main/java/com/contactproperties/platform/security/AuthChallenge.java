package com.contactproperties.platform.security;

import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.dev.DevToken;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes authentication discoverable (RFC 6750, RFC 9728, MCP authorization): every 401 names the
 * protected-resource metadata in its {@code WWW-Authenticate} challenge, with
 * {@code error="invalid_token"} when a token was sent and refused, and that metadata is served
 * without a token at {@value #METADATA_PATH}, naming the token issuer as the authorization server.
 */
@ApplicationScoped
class AuthChallenge {

    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final Optional<String> publicUrl;
    private final Optional<String> issuer;

    AuthChallenge(AppConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        this.publicUrl = config.publicUrl().map(url -> url.replaceAll("/+$", ""));
        this.issuer = issuer;
    }

    void install(@Observes Router router) {
        // Also under the path of /mcp, where RFC 9728 clients look first for a resource with a path.
        router.get(METADATA_PATH).handler(this::metadata);
        router.get(METADATA_PATH + "/mcp").handler(this::metadata);
    }

    /** Sets the challenge on a 401 answer just before its headers are written, whichever handler wrote it. */
    void challengeOn401(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            if (context.response().getStatusCode() == 401) {
                context.response().headers().set("WWW-Authenticate", challenge(context));
            }
        });
    }

    private String challenge(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean tokenSent = authorization != null && !authorization.isBlank();
        return "Bearer realm=\"contact-properties\""
                + (tokenSent
                        ? ", error=\"invalid_token\", error_description=\"The token is malformed, expired or not trusted\""
                        : "")
                + ", resource_metadata=\"" + base(context) + METADATA_PATH + "\"";
    }

    private void metadata(RoutingContext context) {
        JsonObject document = new JsonObject()
                .put("resource", base(context))
                .put("authorization_servers", new JsonArray(issuer.stream().toList()))
                .put("scopes_supported", new JsonArray(DevToken.ALL_SCOPES))
                .put("bearer_methods_supported", new JsonArray().add("header"))
                .put("resource_name", "Contact Properties");
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(document.toBuffer());
    }

    private String base(RoutingContext context) {
        return publicUrl.orElseGet(
                () -> context.request().scheme() + "://" + context.request().authority());
    }
}
