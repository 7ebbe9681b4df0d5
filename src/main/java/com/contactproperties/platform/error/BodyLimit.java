package com.contactproperties.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared body larger than {@code quarkus.http.limits.max-body-size} with a 413 problem
 * before the HTTP server's own limit check, which would answer with an empty body.
 */
@ApplicationScoped
class BodyLimit {

  private final long maxBytes;
  private final byte[] body;

  BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max, ObjectMapper json)
      throws JsonProcessingException {
    this.maxBytes = max.asLongValue();
    this.body = json.writeValueAsBytes(ProblemMapper.problem(413, "payload-too-large",
        "The request body is larger than the limit of " + maxBytes + " bytes", List.of()));
  }

  void install(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && isOver(length)) {
      context.response().setStatusCode(413)
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          .putHeader(HttpHeaders.CONNECTION, "close")
          .end(io.vertx.core.buffer.Buffer.buffer(body));
      return;
    }
    context.next();
  }

  private boolean isOver(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
