package com.contactproperties.api.mcp;

import com.contactproperties.platform.error.Problem;
import com.contactproperties.platform.error.ProblemWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Resource subscriptions, as the {@code resources.subscribe} capability promises: a session that
 * subscribed to {@value #PROPERTIES} hears {@code notifications/resources/updated} on its
 * {@code GET /mcp} stream when its own tenant's properties change, whichever instance committed
 * the change (a trigger NOTIFYs at commit; every instance LISTENs). This class serves that stream
 * itself, so the stream carries only these notifications and keep-alive comments.
 */
@ApplicationScoped
class McpUpdates {

    static final String PROPERTIES = "contacts://properties";
    private static final String CHANNEL = "property_definitions_changed";
    private static final Logger LOG = Logger.getLogger(McpUpdates.class);
    private static final long KEEP_ALIVE_MS = Duration.ofSeconds(25).toMillis();

    private final ProblemWriter problems;
    private final McpSessions sessions;
    private final Vertx vertx;
    private final PgConnectOptions database;
    private final Map<HttpServerResponse, String> streams = new ConcurrentHashMap<>();
    private final Cache<String, Set<String>> subscriptions =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(24)).build();
    private PgSubscriber subscriber;

    McpUpdates(
            ProblemWriter problems,
            McpSessions sessions,
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.problems = problems;
        this.sessions = sessions;
        this.vertx = vertx;
        this.database = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(database::setUser);
        password.ifPresent(database::setPassword);
    }

    void install(@Observes Router router) {
        // After McpGate has admitted the caller.
        router.route("/mcp").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 3).handler(this::route);
    }

    void listen(@Observes StartupEvent started) {
        subscriber = PgSubscriber.subscriber(vertx, database).reconnectPolicy(retries -> 1_000L);
        subscriber.channel(CHANNEL).handler(this::changed);
        connect();
        vertx.setPeriodic(KEEP_ALIVE_MS, ignored -> streams.keySet().forEach(r -> r.write(": keep-alive\n\n")));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.close();
        }
        streams.keySet().forEach(HttpServerResponse::end);
    }

    private void connect() {
        subscriber.connect().onFailure(failure -> {
            LOG.debugf(failure, "Not listening for property changes yet; retrying");
            vertx.setTimer(1_000L, ignored -> connect());
        });
    }

    private void route(RoutingContext context) {
        String session = context.request().getHeader(McpSessions.HEADER);
        HttpMethod method = context.request().method();
        if (HttpMethod.GET.equals(method)) {
            openStream(context, session);
            return;
        }
        if (session != null && HttpMethod.DELETE.equals(method)) {
            subscriptions.invalidate(session);
        }
        context.next();
    }

    private void openStream(RoutingContext context, String session) {
        if (session == null) {
            problems.answer(
                    context,
                    new Problem(
                            "/problems/bad-request",
                            "Bad Request",
                            400,
                            "A GET /mcp stream belongs to a session: send initialize first and name the session in Mcp-Session-Id",
                            List.of()));
            return;
        }
        HttpServerResponse response = context.response()
                .setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(McpSessions.HEADER, session)
                .setChunked(true);
        streams.put(response, session);
        response.closeHandler(ignored -> streams.remove(response));
        response.write(": stream open\n\n");
    }

    /** Remembers the subscriptions a request's messages make or drop. */
    void track(String session, List<?> messages) {
        messages.forEach(message -> track(session, message));
    }

    private void track(String session, Object message) {
        if (!(message instanceof JsonObject m) || !(m.getValue("params") instanceof JsonObject params)) {
            return;
        }
        String uri = params.getValue("uri") instanceof String u ? u : null;
        if ("resources/subscribe".equals(m.getValue("method")) && PROPERTIES.equals(uri)) {
            subscriptions.get(session, s -> ConcurrentHashMap.newKeySet()).add(uri);
        } else if ("resources/unsubscribe".equals(m.getValue("method")) && uri != null) {
            Optional.ofNullable(subscriptions.getIfPresent(session)).ifPresent(s -> s.remove(uri));
        }
    }

    /** Tells the tenant's subscribed sessions on this instance that its properties changed. */
    private void changed(String tenantId) {
        String notification = "event: message\ndata: "
                + new JsonObject()
                        .put("jsonrpc", "2.0")
                        .put("method", "notifications/resources/updated")
                        .put("params", new JsonObject().put("uri", PROPERTIES))
                        .encode()
                + "\n\n";
        streams.forEach((response, session) -> {
            McpSessions.Owner owner = sessions.owner(session);
            Set<String> subscribed = subscriptions.getIfPresent(session);
            if (owner != null
                    && owner.tenantId().equals(tenantId)
                    && subscribed != null
                    && subscribed.contains(PROPERTIES)) {
                response.write(notification);
            }
        });
    }
}
