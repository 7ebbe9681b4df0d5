package com.contactproperties.platform.error;

import com.contactproperties.platform.db.Availability;
import com.contactproperties.platform.db.Constraints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where a failure becomes an HTTP answer: every exception, on every surface, is an
 * RFC 9457 problem. Client errors are answered quietly; anything unexpected is logged with its
 * stack and answered with a 500 that carries no internals.
 */
public class ProblemMapper {

    // Ahead of the extensions' own mappers, which answer Jackson and security errors in other shapes.
    private static final int FIRST = Priorities.USER - 1000;
    // PostgreSQL's refusals of a NUL: in text ("invalid byte sequence") and in jsonb ("unsupported Unicode escape").
    private static final Set<String> STORED_TEXT = Set.of("22021", "22P05");

    @ServerExceptionMapper(priority = FIRST)
    public RestResponse<Problem> map(Throwable failure) {
        return toResponse(toProblem(failure));
    }

    @ServerExceptionMapper(priority = FIRST)
    public RestResponse<Problem> mapJson(JsonProcessingException failure) {
        return toResponse(toProblem(failure));
    }

    @ServerExceptionMapper(priority = FIRST)
    public RestResponse<Problem> mapMismatch(MismatchedInputException failure) {
        return toResponse(toProblem(failure));
    }

    @ServerExceptionMapper(priority = FIRST)
    public RestResponse<Problem> mapWeb(WebApplicationException failure) {
        return toResponse(toProblem(failure));
    }

    @ServerExceptionMapper(priority = FIRST)
    public RestResponse<Problem> mapAuthentication(AuthenticationFailedException failure) {
        return toResponse(toProblem(failure));
    }

    @ServerExceptionMapper(priority = FIRST)
    public RestResponse<Problem> mapUnauthorized(UnauthorizedException failure) {
        return toResponse(toProblem(failure));
    }

    @ServerExceptionMapper(priority = FIRST)
    public RestResponse<Problem> mapForbidden(ForbiddenException failure) {
        return toResponse(toProblem(failure));
    }

    /** The problem that answers a failure. */
    public static Problem toProblem(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof DomainException domain) {
            return domain(domain);
        }
        if (e instanceof JsonProcessingException json) {
            return json(json);
        }
        if (e instanceof AuthenticationFailedException || e instanceof UnauthorizedException) {
            return problem(
                    401,
                    "unauthorized",
                    "A valid bearer token is required: it is missing, malformed, expired or not trusted",
                    List.of());
        }
        if (e instanceof ForbiddenException) {
            return problem(
                    403, "forbidden", "The token does not grant the role or scope this operation requires", List.of());
        }
        if (e instanceof WebApplicationException web) {
            return web(web);
        }
        return database(e);
    }

    /** A request body that could not be read: which field, and why. */
    private static Problem json(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return problem(
                    400,
                    "unknown-field",
                    "Unknown field '" + field + "'",
                    List.of(new FieldError(field, "is not a field of this request")));
        }
        if (e instanceof MismatchedInputException trailing
                && String.valueOf(trailing.getOriginalMessage()).startsWith("Trailing token")) {
            return problem(
                    400,
                    "invalid-json",
                    "The request body must be exactly one JSON value: there is more content after it",
                    List.of(new FieldError("body", "has content after its JSON value")));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            String expected = mismatch.getTargetType() == null ? "another type" : typeName(mismatch.getTargetType());
            return problem(
                    400,
                    "invalid-json",
                    "Field '" + field + "' has the wrong type: expected " + expected,
                    List.of(new FieldError(field, "expected " + expected)));
        }
        if (e instanceof NulCharacters.Refusal refusal) {
            return textProblem(path(refusal), refusal.getOriginalMessage());
        }
        return problem(
                400,
                "invalid-json",
                "The request body is not valid JSON: " + e.getOriginalMessage()
                        + (e.getLocation() == null
                                ? ""
                                : " (line " + e.getLocation().getLineNr() + ", column "
                                        + e.getLocation().getColumnNr() + ")"),
                List.of(new FieldError("body", "is not valid JSON")));
    }

    /** What the database said, when nothing above understood the failure; else a logged 500. */
    private static Problem database(Throwable e) {
        if (e instanceof PgException pg && STORED_TEXT.contains(pg.getSqlState())) {
            // A NUL that a check above missed: refused by PostgreSQL, which rolled the statement back.
            return nulProblem("body");
        }
        if (Availability.isDatabaseUnavailable(e)) {
            Log.warnf("The database is unavailable: %s", e.toString());
            return problem(
                    503,
                    "unavailable",
                    "The database is unavailable for the moment; retry after " + Availability.RETRY_AFTER_SECONDS
                            + " seconds",
                    List.of());
        }
        if (Constraints.isUniqueViolation(e)) {
            // A race that no service turned into its own 409: the constraint still speaks for the request.
            return problem(
                    409,
                    "conflict",
                    "Another request created the same unique value at the same moment",
                    List.of(new FieldError(Constraints.fieldOf(e), "is already taken")));
        }
        Log.error("Unexpected failure while answering a request", e);
        return problem(500, "internal", "The service failed unexpectedly; the failure has been logged", List.of());
    }

    /** The answer to a NUL character in {@code field}. */
    static Problem nulProblem(String field) {
        return textProblem(field, NulCharacters.REASON);
    }

    /** The answer to text in {@code field} that cannot be stored, and why. */
    private static Problem textProblem(String field, String reason) {
        return problem(
                400,
                "invalid-text",
                "Field '" + field + "' " + reason + ": it cannot be stored",
                List.of(new FieldError(field, reason)));
    }

    private static Problem domain(DomainException e) {
        if (e instanceof DomainException.NotFound) {
            return problem(404, "not-found", e.getMessage(), e.errors());
        }
        if (e instanceof DomainException.Conflict) {
            return problem(409, "conflict", e.getMessage(), e.errors());
        }
        if (e instanceof DomainException.Invalid) {
            return problem(422, "validation", e.getMessage(), e.errors());
        }
        if (e instanceof DomainException.TooLarge) {
            return problem(413, "payload-too-large", e.getMessage(), e.errors());
        }
        if (e instanceof DomainException.TooManyRequests) {
            return problem(429, "rate-limited", e.getMessage(), e.errors());
        }
        return problem(400, "bad-request", e.getMessage(), e.errors());
    }

    private static Problem web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return toProblem(json);
        }
        String detail = switch (status) {
            case 404 -> "There is nothing at this path";
            case 405 -> "This path does not accept the method used";
            case 406 -> "This path cannot answer in the media type asked for";
            case 413 -> "The request body is too large";
            case 415 -> "This path does not accept the request's content type";
            default -> status >= 500 ? "The service failed unexpectedly" : "The request cannot be processed";
        };
        if (status >= 500) {
            Log.error("Unexpected failure while answering a request", e);
        }
        return problem(status, status >= 500 ? "internal" : "http-" + status, detail, List.of());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while (true) {
            if (e instanceof CompositeException composite
                    && !composite.getCauses().isEmpty()) {
                e = composite.getCauses().get(0);
            } else if (e instanceof CompletionException && e.getCause() != null) {
                e = e.getCause();
            } else {
                return e;
            }
        }
    }

    static Problem problem(int status, String type, String detail, List<FieldError> errors) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : status == 422 ? "Unprocessable Content" : "Error";
        return new Problem("/problems/" + type, title, status, detail, errors);
    }

    static RestResponse<Problem> toResponse(Problem problem) {
        RestResponse.ResponseBuilder<Problem> response = RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(Problem.MEDIA_TYPE);
        headers(problem).forEach(response::header);
        return response.build();
    }

    /** The headers a problem's status calls for, on every surface and from every filter. */
    static Map<String, String> headers(Problem problem) {
        return switch (problem.status()) {
            case 401 -> Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            case 503 -> Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(Availability.RETRY_AFTER_SECONDS));
            default -> Map.of();
        };
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "body" : path;
    }

    private static String typeName(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
