package dev.kiln.deploy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression reads: the identifiers that are neither functions,
 * aggregation operators, keywords nor label names. Label matchers ({@code {...}}), ranges and
 * subqueries ({@code [...]}), strings, numbers, durations and Grafana variables ({@code
 * $__rate_interval}) are skipped, and so are the label lists of {@code by}, {@code without}, {@code
 * on}, {@code ignoring}, {@code group_left} and {@code group_right}.
 */
final class PromQl {

  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");
  private static final Set<String> LABEL_LIST_KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

  private final String expr;
  private int pos;

  private PromQl(String expr) {
    this.expr = expr;
  }

  static Set<String> metricNames(String expr) {
    return new PromQl(expr).scan();
  }

  private Set<String> scan() {
    Set<String> names = new TreeSet<>();
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        skipString(c);
      } else if (c == '{') {
        skipGroup('{', '}');
      } else if (c == '[') {
        skipGroup('[', ']');
      } else if (c == '$') {
        skipVariable();
      } else if (Character.isDigit(c)
          || (c == '.' && pos + 1 < expr.length() && Character.isDigit(expr.charAt(pos + 1)))) {
        while (pos < expr.length()
            && (Character.isLetterOrDigit(expr.charAt(pos)) || expr.charAt(pos) == '.')) {
          pos++;
        }
      } else if (isIdentifierStart(c)) {
        String identifier = identifier();
        String word = identifier.toLowerCase(Locale.ROOT);
        if (LABEL_LIST_KEYWORDS.contains(word)) {
          skipSpaces();
          if (pos < expr.length() && expr.charAt(pos) == '(') {
            skipGroup('(', ')');
          }
        } else if (!KEYWORDS.contains(word) && !AGGREGATIONS.contains(word) && !nextIs('(')) {
          names.add(identifier);
        }
      } else {
        pos++;
      }
    }
    return names;
  }

  private String identifier() {
    int start = pos;
    while (pos < expr.length()
        && (isIdentifierStart(expr.charAt(pos)) || Character.isDigit(expr.charAt(pos)))) {
      pos++;
    }
    return expr.substring(start, pos);
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private boolean nextIs(char wanted) {
    int at = pos;
    while (at < expr.length() && Character.isWhitespace(expr.charAt(at))) {
      at++;
    }
    return at < expr.length() && expr.charAt(at) == wanted;
  }

  private void skipSpaces() {
    while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
      pos++;
    }
  }

  private void skipString(char quote) {
    pos++;
    while (pos < expr.length() && expr.charAt(pos) != quote) {
      pos += expr.charAt(pos) == '\\' && quote != '`' ? 2 : 1;
    }
    pos++;
  }

  /** Skips a bracketed group, with the strings and nested groups in it. */
  private void skipGroup(char open, char close) {
    int depth = 0;
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        skipString(c);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        pos++;
        return;
      }
      pos++;
    }
    throw new IllegalArgumentException("unbalanced " + open + " in: " + expr);
  }

  private void skipVariable() {
    pos++;
    if (pos < expr.length() && expr.charAt(pos) == '{') {
      skipGroup('{', '}');
      return;
    }
    while (pos < expr.length()
        && (isIdentifierStart(expr.charAt(pos)) || Character.isDigit(expr.charAt(pos)))) {
      pos++;
    }
  }
}
