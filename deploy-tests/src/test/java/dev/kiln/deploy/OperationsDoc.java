package dev.kiln.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/operations.md as the tests read it: the anchors of its headings (the targets of the alerts'
 * runbook_url) and the meters of its "Meters" table, the one list of the series that the dashboard
 * and the alerts may use.
 */
final class OperationsDoc {

  static final String PATH = "docs/operations.md";

  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$");
  private static final Pattern METER_ROW =
      Pattern.compile("^\\|\\s*`([a-z_:][a-z0-9_:]*)`\\s*\\|\\s*(\\w+)\\s*\\|");

  private final List<String> lines;

  private OperationsDoc(List<String> lines) {
    this.lines = lines;
  }

  static OperationsDoc read() {
    try {
      return new OperationsDoc(Files.readAllLines(Repository.path(PATH)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens. */
  Set<String> anchors() {
    Set<String> anchors = new TreeSet<>();
    for (String line : lines) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        anchors.add(
            heading
                .group(1)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }

  /**
   * The Prometheus series of the documented meters: a counter or a gauge is its name, a histogram
   * its {@code _bucket}, {@code _count} and {@code _sum}, a timer its {@code _count}, {@code _sum}
   * and {@code _max}.
   */
  Set<String> meterSeries() {
    Set<String> series = new TreeSet<>();
    boolean inMeters = false;
    for (String line : lines) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        inMeters = heading.group(1).equalsIgnoreCase("Meters");
        continue;
      }
      Matcher row = METER_ROW.matcher(line);
      if (inMeters && row.find()) {
        String name = row.group(1);
        switch (row.group(2)) {
          case "counter", "gauge" -> series.add(name);
          case "histogram" ->
              series.addAll(List.of(name + "_bucket", name + "_count", name + "_sum"));
          case "timer" -> series.addAll(List.of(name + "_count", name + "_sum", name + "_max"));
          default ->
              throw new IllegalStateException(
                  PATH + ": meter " + name + " has an unknown type " + row.group(2));
        }
      }
    }
    return series;
  }
}
