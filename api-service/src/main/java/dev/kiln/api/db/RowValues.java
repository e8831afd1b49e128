package dev.kiln.api.db;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Column values of the reactive client's rows in the types Kiln's records hold. */
public final class RowValues {

  private RowValues() {}

  /** A {@code timestamptz} column as an instant; null when the column is null. */
  public static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
