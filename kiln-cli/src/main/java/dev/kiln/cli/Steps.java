package dev.kiln.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.client.http.Json;
import dev.kiln.client.jobs.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Pipelines from the command line: {@code --step op:name=value,...} or a JSON file. */
final class Steps {

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
  private static final TypeReference<List<Map<String, Object>>> STEPS = new TypeReference<>() {};

  private Steps() {}

  /**
   * A step from {@code resize:width=400,height=300}: numbers become numbers, {@code true}/{@code
   * false} booleans, anything else text.
   */
  static Step parse(String spec) {
    int colon = spec.indexOf(':');
    String op = (colon < 0 ? spec : spec.substring(0, colon)).strip();
    if (op.isEmpty()) {
      throw new Kilnctl.UsageException("--step " + spec + ": name an op, as resize:width=400");
    }
    Step step = Step.of(op);
    if (colon < 0 || colon == spec.length() - 1) {
      return step;
    }
    for (String pair : spec.substring(colon + 1).split(",")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new Kilnctl.UsageException(
            "--step " + spec + ": arguments are name=value pairs separated by commas");
      }
      step =
          step.with(pair.substring(0, equals).strip(), value(pair.substring(equals + 1).strip()));
    }
    return step;
  }

  /** The steps of a JSON file: an array of steps, or an object with a {@code pipeline} array. */
  static List<Step> read(Path file) {
    try {
      JsonNode json = Json.MAPPER.readTree(file.toFile());
      JsonNode array = json.isObject() ? json.path("pipeline") : json;
      if (!array.isArray()) {
        throw new Kilnctl.UsageException(
            file + ": give a JSON array of steps, or an object with a \"pipeline\" array");
      }
      List<Step> steps = new ArrayList<>();
      for (Map<String, Object> step : Json.MAPPER.convertValue(array, STEPS)) {
        Map<String, Object> arguments = new LinkedHashMap<>(step);
        Object op = arguments.remove("op");
        if (!(op instanceof String)) {
          throw new Kilnctl.UsageException(file + ": every step needs an \"op\"");
        }
        steps.add(Step.of((String) op, arguments));
      }
      return steps;
    } catch (IOException e) {
      throw new Kilnctl.UsageException("Cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Object value(String text) {
    if (INTEGER.matcher(text).matches()) {
      return Long.parseLong(text);
    }
    if (DECIMAL.matcher(text).matches()) {
      return Double.parseDouble(text);
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    return text;
  }
}
