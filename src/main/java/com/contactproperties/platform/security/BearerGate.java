package com.contactproperties.platform.security;

import com.contactproperties.platform.error.ProblemWriter;
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
 * refused token is the same 401 problem on every surface: the MCP endpoint is no JAX-RS resource,
 * so without this its refusals had an empty body. A request
 * without a token goes on to the REST surfaces, whose operations refuse it themselves.
 */
@ApplicationScoped
class BearerGate {

  // After authentication (200) has attached the deferred identity, before the HTTP permissions (100).
  private static final int PRIORITY = SecurityHandlerPriorities.AUTHORIZATION + 10;

  private final ProblemWriter problems;

  BearerGate(ProblemWriter problems) {
    this.problems = problems;
  }

  void register(@Observes Filters filters) {
    filters.register(this::check, PRIORITY);
  }

  private void check(RoutingContext context) {
    if (context.request().path().startsWith("/q/")) {
      context.next();
      return;
    }
    // Quarkus answers a failed authentication through this handler, by default with an empty 401.
    context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) problems::answer);
    QuarkusHttpUser.getSecurityIdentity(context, null).subscribe()
        .with(identity -> admit(context, identity), failure -> problems.answer(context, failure));
  }

  private void admit(RoutingContext context, SecurityIdentity identity) {
    boolean anonymous = identity == null || !(identity.getPrincipal() instanceof JsonWebToken);
    if (anonymous && isMcp(context.request().path())) {
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
