package com.contactproperties.platform.db;

import io.vertx.pgclient.PgException;
import java.util.Map;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/** Recognises database constraint failures, so that races on unique keys become clear 409s. */
public final class Constraints {

    private static final String UNIQUE_VIOLATION = "23505";

    // The field a client named for each unique key of the schema.
    private static final Map<String, String> FIELDS = Map.of(
            "tags_tenant_name_key", "name",
            "folders_tenant_name_key", "name",
            "property_definitions_title_key", "title",
            "property_definitions_pkey", "title",
            "contacts_email_key", "email",
            "contacts_username_key", "username",
            "idempotency_keys_pkey", "Idempotency-Key");

    private Constraints() {}

    /** The request field behind the unique key a failure violated ("body" when no field is known). */
    public static String fieldOf(Throwable failure) {
        return FIELDS.getOrDefault(violatedUniqueKey(failure).orElse(""), "body");
    }

    /** Whether the failure, or any of its causes, is a unique-key violation. */
    public static boolean isUniqueViolation(Throwable failure) {
        return violatedUniqueKey(failure).isPresent();
    }

    /** The name of the unique key the failure violated, if it is such a failure. */
    public static Optional<String> violatedUniqueKey(Throwable failure) {
        for (Throwable e : Causes.of(failure)) {
            if (e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return Optional.of(pg.getConstraint() == null ? "" : pg.getConstraint());
            }
            // Hibernate Reactive reports a failed flush as its own exception, without the PgException.
            if (e instanceof ConstraintViolationException hibernate
                    && UNIQUE_VIOLATION.equals(hibernate.getSQLState())) {
                return Optional.of(hibernate.getConstraintName() == null ? "" : hibernate.getConstraintName());
            }
        }
        return Optional.empty();
    }
}
