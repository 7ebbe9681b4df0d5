package com.contactproperties.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;

/**
 * Answers a failure with its problem from an HTTP filter, where no JAX-RS mapper runs: the body,
 * status and headers are those {@link ProblemMapper} gives the same failure on the REST surfaces.
 */
@ApplicationScoped
public class ProblemWriter {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Ends the response with the problem of {@code failure}, unless an answer has already begun. */
    public void answer(RoutingContext context, Throwable failure) {
        answer(context, ProblemMapper.toProblem(failure));
    }

    /** Ends the response with a problem, unless an answer has already begun. */
    public void answer(RoutingContext context, Problem problem) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            return;
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        ProblemMapper.headers(problem).forEach(response::putHeader);
        response.end(Buffer.buffer(bytes(problem)));
    }

    private byte[] bytes(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
