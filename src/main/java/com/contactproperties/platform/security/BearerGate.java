package com.contactproperties.platform.security;

import com.contactproperties.platform.error.ProblemWriter;
import com.contactproperties.platform.ratelimit.RateLimiter;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authenticates the bearer token of every request outside /q before any handler runs, so that a
 * refused token is the same 401 problem on every surface (the MCP endpoint is no JAX-RS resource,
 * so without this its refusals had an empty body) and the caller's tenant is counted against its
 * rate limits before any work is done for it. A request without a token goes on to the REST
 * surfaces, whose operations refuse it themselves.
 */
@ApplicationScoped
class BearerGate {

    // After authentication (200) has attached the deferred identity, before the HTTP permissions (100).
    private static final int PRIORITY = SecurityHandlerPriorities.AUTHORIZATION + 10;

    private final ProblemWriter problems;
    private final RateLimiter limits;
    private final AuthChallenge challenge;

    BearerGate(ProblemWriter problems, RateLimiter limits, AuthChallenge challenge) {
        this.problems = problems;
        this.limits = limits;
        this.challenge = challenge;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        if (context.request().path().startsWith("/q/")) {
            context.next();
            return;
        }
        challenge.challengeOn401(context);
        if (context.request().path().startsWith(AuthChallenge.METADATA_PATH)) {
            // Discovery comes before any token: a token sent along, even a refused one, does not matter here.
            context.next();
            return;
        }
        // Quarkus answers a failed authentication through this handler, by default with an empty 401.
        context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) problems::answer);
        QuarkusHttpUser.getSecurityIdentity(context, null)
                .subscribe()
                .with(identity -> admit(context, identity), failure -> problems.answer(context, failure));
    }

    private void admit(RoutingContext context, SecurityIdentity identity) {
        if (identity != null && identity.getPrincipal() instanceof JsonWebToken token) {
            limits.admit(context, Caller.of(token).tenantId());
        } else if (isMcp(context.request().path())) {
            problems.answer(context, new UnauthorizedException());
        } else {
            context.next();
        }
    }

    // The MCP endpoints (application.properties: quarkus.http.auth.permission.mcp) take no anonymous call.
    private static boolean isMcp(String path) {
        return path.equals("/mcp") || path.startsWith("/mcp/");
    }
}
