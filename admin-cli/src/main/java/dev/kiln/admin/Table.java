package dev.kiln.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows of JSON objects as a plain text table, columns sized to their widest value. */
final class Table {

  /** A column: its heading and the JSON field (dots for nested objects) it shows. */
  record Column(String heading, String field) {}

  private final List<Column> columns;

  Table(Column... columns) {
    this.columns = List.of(columns);
  }

  void print(Iterable<JsonNode> rows, PrintWriter out) {
    List<String[]> cells = new ArrayList<>();
    cells.add(columns.stream().map(Column::heading).toArray(String[]::new));
    for (JsonNode row : rows) {
      cells.add(columns.stream().map(c -> value(row, c.field())).toArray(String[]::new));
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
        text.append(i == line.length - 1 ? line[i] : pad(line[i], widths[i] + 2));
      }
      out.println(text.toString().stripTrailing());
    }
  }

  /** One object as {@code heading: value} lines. */
  void printOne(JsonNode row, PrintWriter out) {
    int width = columns.stream().mapToInt(c -> c.heading().length()).max().orElse(0);
    for (Column column : columns) {
      out.println(pad(column.heading() + ":", width + 2) + value(row, column.field()));
    }
  }

  static String value(JsonNode row, String field) {
    JsonNode node = row;
    for (String part : field.split("\\.")) {
      node = node.path(part);
    }
    return node.isMissingNode() || node.isNull() ? "-" : node.asText();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
