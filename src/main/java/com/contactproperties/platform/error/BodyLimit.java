package com.contactproperties.platform.error;

import com.contactproperties.platform.AppConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Answers a declared body larger than its limit with a 413 problem before the HTTP server reads
 * it: JSON bodies have {@code contact-properties.max-json-body}, CSV uploads the import file limit
 * (with room for the multipart envelope). The server's own, larger limit would answer with an
 * empty body.
 */
@ApplicationScoped
class BodyLimit {

    private static final long MULTIPART_ENVELOPE = 64 * 1024;

    private final long jsonMax;
    private final long uploadMax;
    private final byte[] jsonBody;
    private final byte[] uploadBody;

    BodyLimit(AppConfig config, ObjectMapper json) throws JsonProcessingException {
        this.jsonMax = config.maxJsonBody();
        this.uploadMax = config.importing().maxFileBytes() + MULTIPART_ENVELOPE;
        this.jsonBody = json.writeValueAsBytes(ProblemMapper.problem(
                413,
                "payload-too-large",
                "The request body is larger than the limit of " + jsonMax + " bytes",
                List.of()));
        this.uploadBody = json.writeValueAsBytes(ProblemMapper.problem(
                413,
                "payload-too-large",
                "The file is larger than the import limit of "
                        + config.importing().maxFileBytes() + " bytes",
                List.of()));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean upload = context.request().path().startsWith("/v1/contacts/import");
        if (length != null && isOver(length, upload ? uploadMax : jsonMax)) {
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(io.vertx.core.buffer.Buffer.buffer(upload ? uploadBody : jsonBody));
            return;
        }
        context.next();
    }

    private static boolean isOver(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
