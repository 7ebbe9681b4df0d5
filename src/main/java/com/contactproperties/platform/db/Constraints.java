package com.contactproperties.platform.db;

import io.vertx.pgclient.PgException;
import java.util.Optional;

/** Recognises database constraint failures, so that races on unique keys become clear 409s. */
public final class Constraints {

  private static final String UNIQUE_VIOLATION = "23505";

  private Constraints() {}

  /** Whether the failure, or any of its causes, is a unique-key violation. */
  public static boolean isUniqueViolation(Throwable failure) {
    return violatedUniqueKey(failure).isPresent();
  }

  /** The name of the unique key the failure violated, if it is such a failure. */
  public static Optional<String> violatedUniqueKey(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
        return Optional.of(pg.getConstraint() == null ? "" : pg.getConstraint());
      }
    }
    return Optional.empty();
  }
}
