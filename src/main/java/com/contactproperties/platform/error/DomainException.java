package com.contactproperties.platform.error;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A failure the caller can act on. Features throw these; the one {@link ProblemMapper} turns
 * each kind into its status, so no feature decides HTTP details.
 */
public abstract sealed class DomainException extends RuntimeException
        permits DomainException.NotFound,
                DomainException.Conflict,
                DomainException.Invalid,
                DomainException.BadRequest,
                DomainException.TooLarge,
                DomainException.TooManyRequests {

    private final transient List<FieldError> errors;

    DomainException(String message, List<FieldError> errors) {
        super(message, null, false, false);
        this.errors = List.copyOf(errors);
    }

    /**
     * The same failure with its field names translated into a surface's own (the domain says
     * {@code title}, one surface {@code name}, another {@code contact_property.title}).
     */
    public DomainException withFields(UnaryOperator<String> rename) {
        List<FieldError> renamed = errors.stream()
                .map(e -> new FieldError(rename.apply(e.field()), e.message()))
                .toList();
        if (this instanceof Invalid) {
            return new Invalid(renamed);
        }
        if (this instanceof Conflict) {
            return renamed.isEmpty() ? this : new Conflict(renamed.get(0).field(), getMessage());
        }
        return this;
    }

    /** The fields at fault, if any. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The object does not exist for this tenant (another tenant's object included). */
    public static final class NotFound extends DomainException {
        public NotFound(String what, String id) {
            super(what + " '" + id + "' does not exist", List.of());
        }
    }

    /** The request is valid but clashes with what is stored (a duplicate, a protected object). */
    public static final class Conflict extends DomainException {
        public Conflict(String field, String message) {
            super(message, List.of(new FieldError(field, message)));
        }
    }

    /** Well-formed input whose values break the rules (422). */
    public static final class Invalid extends DomainException {
        public Invalid(List<FieldError> errors) {
            super(summary(errors), errors);
        }

        public Invalid(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }
    }

    /** Malformed request parameters, such as a page size out of range or a tampered page token. */
    public static final class BadRequest extends DomainException {
        public BadRequest(String field, String message) {
            super(field + ": " + message, List.of(new FieldError(field, message)));
        }
    }

    /** A request with more items than an operation takes (413). */
    public static final class TooLarge extends DomainException {
        public TooLarge(String field, String message) {
            super(message, List.of(new FieldError(field, message)));
        }
    }

    /** The tenant has spent a request budget (429); the answer says when to retry. */
    public static final class TooManyRequests extends DomainException {
        public TooManyRequests(String message) {
            super(message, List.of());
        }
    }

    private static String summary(List<FieldError> errors) {
        return errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
    }
}
