package dev.kiln.api.db;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;

/**
 * Failures that say "PostgreSQL cannot be reached now" rather than "this statement is wrong": a
 * refused, reset or dropped connection (an {@link IOException}, a {@link
 * ClosedConnectionException}), a server shutting down or starting up ({@code 57P01}-{@code 57P03}),
 * a connection-class error ({@code 08...}) or a server out of resources ({@code 53...}). The same
 * work may succeed once the database is back.
 */
public final class DatabaseUnavailable {

  private DatabaseUnavailable() {}

  /** Whether {@code failure}, or one of its causes, is such a failure. */
  public static boolean test(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof ClosedConnectionException) {
        return true;
      }
      if (cause instanceof PgException pg && transientState(pg.getSqlState())) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }

  private static boolean transientState(String state) {
    return state != null
        && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
  }
}
