package com.contactproperties.api.mcp;

import com.contactproperties.platform.security.Caller;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Binds each MCP session to the tenant and user whose token opened it: a session id is a bearer
 * of nothing, so another caller who learns it must not act in that session (answered 404, as an
 * unknown session is). A session this instance does not remember (expired here, or opened before
 * a restart) is refused the same way, failing closed: the client then initializes a new one.
 */
@ApplicationScoped
class McpSessions {

    static final String HEADER = "Mcp-Session-Id";

    /** Who opened a session. */
    record Owner(String tenantId, String userId) {}

    // Longer than the extension's idle timeout, so that a live session is never forgotten here first.
    private final Cache<String, Owner> owners = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(24))
            .maximumSize(1_000_000)
            .build();

    /** Whether the caller may use the session the request names; a request naming none opens one, which is remembered. */
    boolean admit(RoutingContext context, Caller caller) {
        Owner owner = new Owner(caller.tenantId(), caller.userId());
        String session = context.request().getHeader(HEADER);
        if (session == null) {
            context.addHeadersEndHandler(ignored -> {
                String opened = context.response().headers().get(HEADER);
                if (opened != null) {
                    owners.put(opened, owner);
                }
            });
            return true;
        }
        return owner.equals(owners.getIfPresent(session));
    }

    /** Who opened the session, or null when this instance does not know it. */
    Owner owner(String session) {
        return owners.getIfPresent(session);
    }
}
