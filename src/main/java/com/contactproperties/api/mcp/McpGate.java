package com.contactproperties.api.mcp;

import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.error.ProblemWriter;
import com.contactproperties.platform.security.Caller;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What an HTTP request to {@code /mcp} must pass before the MCP server reads a message of it: a
 * token with one of the service's roles (403 problem+json otherwise, as on REST, so that a token
 * without a role never reaches an MCP method), and at most
 * {@code contact-properties.mcp.max-batch-messages} JSON-RPC messages in one body. A batch of
 * thousands would be answered one message after the other on one event loop, holding it for every
 * other request that loop serves; a larger batch is refused at once with a JSON-RPC error.
 */
@ApplicationScoped
class McpGate {

  // JSON-RPC's "Invalid Request".
  private static final int INVALID_REQUEST = -32600;

  private final ProblemWriter problems;
  private final int maxBatch;
  private final long maxBody;

  McpGate(ProblemWriter problems, AppConfig config) {
    this.problems = problems;
    this.maxBatch = config.mcp().maxBatchMessages();
    this.maxBody = config.maxJsonBody();
  }

  void install(@Observes Router router) {
    // The caller first, so that no body is read for a request that will be refused anyway.
    router.route("/mcp").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::checkCaller);
    router.route("/mcp").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 2)
        .handler(BodyHandler.create(false).setBodyLimit(maxBody))
        .handler(this::checkBatch);
  }

  private void checkCaller(RoutingContext context) {
    QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(identity -> {
      if (identity == null || identity.isAnonymous()) {
        problems.answer(context, new UnauthorizedException());
      } else if (!hasServiceRole(identity)) {
        problems.answer(context, new ForbiddenException());
      } else {
        context.next();
      }
    }, failure -> problems.answer(context, failure));
  }

  private static boolean hasServiceRole(SecurityIdentity identity) {
    return identity.getRoles().stream().anyMatch(Caller.ROLES::contains);
  }

  private void checkBatch(RoutingContext context) {
    Buffer body = context.body().buffer();
    int messages = body == null || !startsWithArray(body) ? 1 : batchSize(body);
    if (messages <= maxBatch) {
      context.next();
      return;
    }
    JsonObject error = new JsonObject().put("jsonrpc", "2.0").putNull("id").put("error", new JsonObject()
        .put("code", INVALID_REQUEST)
        .put("message", "A JSON-RPC batch may hold at most " + maxBatch + " messages; this one holds " + messages
            + ". Send the messages in several requests."));
    context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(error.toBuffer());
  }

  private static boolean startsWithArray(Buffer body) {
    for (int i = 0; i < body.length(); i++) {
      byte b = body.getByte(i);
      if (!Character.isWhitespace(b)) {
        return b == '[';
      }
    }
    return false;
  }

  /** The number of messages in a batch; a body that is not JSON is left to the MCP server, which answers a parse error. */
  private static int batchSize(Buffer body) {
    try {
      return new JsonArray(body).size();
    } catch (RuntimeException notJson) {
      return 1;
    }
  }
}
