package com.contactproperties.api.mcp;

import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.error.Problem;
import com.contactproperties.platform.error.ProblemWriter;
import com.contactproperties.platform.security.Caller;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What an HTTP request to {@code /mcp} must pass before the MCP server reads a message of it: an
 * allowed {@code Origin} (or none), a token with one of the service's roles (403 problem+json otherwise, as on REST, so that a token
 * without a role never reaches an MCP method), a session id opened by the same tenant and user, and at most
 * {@code contact-properties.mcp.max-batch-messages} JSON-RPC messages in one body. A batch of
 * thousands would be answered one message after the other on one event loop, holding it for every
 * other request that loop serves; a larger batch is refused at once with a JSON-RPC error.
 */
@ApplicationScoped
class McpGate {

    // JSON-RPC's "Invalid Request".
    private static final int INVALID_REQUEST = -32600;

    private final ProblemWriter problems;
    private final McpSessions sessions;
    private final McpUpdates updates;
    private final ArgumentErrors argumentErrors;
    private final McpOrigins origins;
    private final int maxBatch;
    private final long maxBody;

    McpGate(
            ProblemWriter problems,
            McpSessions sessions,
            McpUpdates updates,
            ArgumentErrors argumentErrors,
            AppConfig config) {
        this.problems = problems;
        this.sessions = sessions;
        this.updates = updates;
        this.argumentErrors = argumentErrors;
        this.origins = new McpOrigins(config.mcp().allowedOrigins());
        this.maxBatch = config.mcp().maxBatchMessages();
        this.maxBody = config.maxJsonBody();
    }

    void install(@Observes Router router) {
        // The caller first, so that no body is read for a request that will be refused anyway.
        router.route("/mcp").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::checkCaller);
        router.routeWithRegex("/mcp/.+")
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1)
                .handler(this::checkCaller);
        router.route("/mcp")
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 2)
                .handler(BodyHandler.create(false).setBodyLimit(maxBody))
                .handler(this::checkBatch);
    }

    private void checkCaller(RoutingContext context) {
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (!origins.allows(origin)) {
            // DNS rebinding: a page of another site must not reach a server that trusts its network position.
            problems.answer(
                    context,
                    new Problem(
                            "/problems/forbidden",
                            "Forbidden",
                            403,
                            "Requests from the origin '" + McpOrigins.shown(origin)
                                    + "' are not allowed; add it to CONTACT_PROPERTIES_MCP_ALLOWED_ORIGINS to allow it",
                            List.of()));
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(context, null)
                .subscribe()
                .with(
                        identity -> {
                            if (identity == null || identity.isAnonymous()) {
                                problems.answer(context, new UnauthorizedException());
                            } else if (!Caller.hasServiceRole(identity)) {
                                problems.answer(context, new ForbiddenException());
                            } else if (!sessions.admit(context, Caller.of((JsonWebToken) identity.getPrincipal()))) {
                                problems.answer(
                                        context,
                                        new Problem(
                                                "/problems/not-found",
                                                "Not Found",
                                                404,
                                                "No MCP session with this Mcp-Session-Id is open for this token; send initialize to open one",
                                                List.of()));
                            } else {
                                context.next();
                            }
                        },
                        failure -> problems.answer(context, failure));
    }

    private void checkBatch(RoutingContext context) {
        Buffer body = context.body().buffer();
        List<?> messages = messages(body);
        if (messages.isEmpty()) {
            refuse(context, "An empty JSON-RPC batch holds no request; send at least one message.");
            return;
        }
        if (messages.size() > maxBatch) {
            refuse(
                    context,
                    "A JSON-RPC batch may hold at most " + maxBatch + " messages; this one holds " + messages.size()
                            + ". Send the messages in several requests.");
            return;
        }
        String session = context.request().getHeader(McpSessions.HEADER);
        if (session != null) {
            updates.track(session, messages);
            argumentErrors.remember(session, messages, body == null ? 0 : body.length());
        }
        context.next();
    }

    /** Answers an invalid batch with the JSON-RPC error that names why. */
    private static void refuse(RoutingContext context, String message) {
        JsonObject error = new JsonObject()
                .put("jsonrpc", "2.0")
                .putNull("id")
                .put("error", new JsonObject().put("code", INVALID_REQUEST).put("message", message));
        context.response()
                .setStatusCode(400)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(error.toBuffer());
    }

    /**
     * The messages of a body: the elements of a batch, or the one message; a body that is not JSON
     * counts as one message and is left to the MCP server, which answers a parse error.
     */
    private static List<?> messages(Buffer body) {
        if (body == null || body.length() == 0) {
            return List.of(new JsonObject());
        }
        try {
            Object parsed = Json.decodeValue(body);
            return parsed instanceof JsonArray batch ? batch.getList() : List.of(parsed);
        } catch (RuntimeException notJson) {
            return List.of(new JsonObject());
        }
    }
}
