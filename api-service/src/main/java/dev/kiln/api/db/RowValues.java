package dev.kiln.api.db;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Column values of the reactive client's rows in the types Kiln's records hold. */
public final class RowValues {

  private RowValues() {}

  /** A {@code timestamptz} column as an instant; null when the column is null. */
  public static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  /** Every row, mapped. */
  public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> mapped = new ArrayList<>(rows.size());
    rows.forEach(row -> mapped.add(mapper.apply(row)));
    return mapped;
  }

  /** The first row, mapped; null when there is none. */
  public static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
    return rows.size() == 0 ? null : mapper.apply(rows.iterator().next());
  }
}
