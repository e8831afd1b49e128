package dev.kiln.api.jobs;

import dev.kiln.api.problems.ApiException;
import dev.kiln.model.presets.Preset;
import dev.kiln.model.validation.Violations;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The filters of {@code GET /v1/jobs}; each is optional.
 *
 * @param statuses any of these statuses ({@code ?status=queued,processing})
 * @param preset jobs of this preset
 * @param createdAfter created at or after this instant
 * @param createdBefore created before this instant
 */
public record JobFilter(
    List<String> statuses, String preset, Instant createdAfter, Instant createdBefore) {

  /**
   * Parses the query parameters.
   *
   * @throws ApiException 422 naming each parameter that is not valid
   */
  public static JobFilter of(
      String status, String preset, String createdAfter, String createdBefore) {
    Violations violations = new Violations();
    List<String> statuses = null;
    if (status != null) {
      statuses = Arrays.stream(status.split(",")).map(String::trim).distinct().toList();
      if (statuses.stream().anyMatch(s -> JobStatus.find(s).isEmpty())) {
        violations.add(
            "status", "give one or more of " + JobStatus.wireValues() + ", comma-separated");
      }
    }
    if (preset != null && Preset.byName(preset).isEmpty()) {
      violations.add("preset", "no preset is named so");
    }
    Instant after = instant(createdAfter, "created_after", violations);
    Instant before = instant(createdBefore, "created_before", violations);
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations.list());
    }
    return new JobFilter(statuses, preset, after, before);
  }

  private static Instant instant(String value, String field, Violations violations) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      violations.add(field, "an RFC 3339 time in UTC, such as 2026-01-31T12:00:00Z");
      return null;
    }
  }
}
