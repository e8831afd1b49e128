package dev.kiln.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Rows printed as aligned columns under a header, as {@code kubectl get} does. */
final class Table<T> {

  /** A column: its header and how a row shows in it. */
  record Column<T>(String header, Function<T, Object> value) {}

  private final List<Column<T>> columns;

  @SafeVarargs
  Table(Column<T>... columns) {
    this.columns = List.of(columns);
  }

  static <T> Column<T> column(String header, Function<T, Object> value) {
    return new Column<>(header, value);
  }

  void print(List<T> rows, PrintWriter out) {
    List<String[]> cells = new ArrayList<>();
    cells.add(columns.stream().map(Column::header).toArray(String[]::new));
    for (T row : rows) {
      cells.add(columns.stream().map(c -> text(c.value().apply(row))).toArray(String[]::new));
    }
    int[] widths = new int[columns.size()];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : cells) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        text.append(
            i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s   ", line[i]));
      }
      out.println(text.toString().stripTrailing());
    }
  }

  /** One row as {@code HEADER: value} lines. */
  void printOne(T row, PrintWriter out) {
    int width = columns.stream().mapToInt(c -> c.header().length()).max().orElse(0);
    for (Column<T> column : columns) {
      out.printf(
          "%-" + (width + 1) + "s %s%n", column.header() + ":", text(column.value().apply(row)));
    }
  }

  private static String text(Object value) {
    return value == null ? "-" : value.toString();
  }
}
