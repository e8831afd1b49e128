package dev.kiln.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table padded to line up in a terminal, so a report pastes into {@code
 * docs/performance.md} as it is. Cells that look like numbers are right-aligned.
 */
public final class Table {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(String.valueOf(cell));
    }
    rows.add(row);
    return this;
  }

  public String render() {
    int[] widths = new int[header.size()];
    boolean[] numeric = new boolean[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.max(3, header.get(c).length());
      numeric[c] = !rows.isEmpty();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
        numeric[c] &= isNumber(row.get(c));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths, numeric);
    out.append('|');
    for (int c = 0; c < widths.length; c++) {
      out.append(numeric[c] ? "-".repeat(widths[c] + 1) + ":" : "-".repeat(widths[c] + 2));
      out.append('|');
    }
    out.append('\n');
    for (List<String> row : rows) {
      line(out, row, widths, numeric);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] right) {
    out.append('|');
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      out.append(' ').append(right[c] ? pad + cell : cell + pad).append(" |");
    }
    out.append('\n');
  }

  static boolean isNumber(String cell) {
    return cell.equals("-") || cell.matches("[-+]?[0-9][0-9,.]*( ?[%x×])?");
  }
}
