package dev.kiln.api.live;

import dev.kiln.api.events.EventType;
import dev.kiln.api.problems.ApiException;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.validation.Violations;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The parameters a stream is opened with, checked: the resume point and a tenant's filters. */
public final class StreamParams {

  /** Job ids a tenant stream may be narrowed to. */
  public static final int MAX_JOB_IDS = 100;

  private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,18}");

  private StreamParams() {}

  /**
   * The resume point: the {@code Last-Event-ID} header (sent by an EventSource when it reconnects)
   * or else the {@code last_event_id} parameter; null for none.
   *
   * @throws ApiException 422 naming the field when it is not an event id
   */
  public static Long lastEventId(String header, String parameter) {
    String value = header != null && !header.isBlank() ? header.strip() : parameter;
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!EVENT_ID.matcher(value).matches()) {
      throw ApiException.invalid(
          header != null && !header.isBlank() ? "Last-Event-ID" : "last_event_id",
          "an event id as streams send it (digits)");
    }
    return Long.parseLong(value);
  }

  /**
   * {@code ?types=} (comma-separated event types) and {@code ?job_ids=} of a tenant stream.
   *
   * @throws ApiException 422 naming each parameter that is not valid
   */
  public static StreamScope tenantScope(String tenantId, String types, String jobIds) {
    Violations violations = new Violations();
    Set<EventType> wantedTypes = null;
    if (types != null) {
      wantedTypes = new LinkedHashSet<>();
      for (String type : split(types)) {
        var found = EventType.ofWire(type).filter(EventType::isJobEvent);
        if (found.isEmpty()) {
          violations.add(
              "types", "give one or more of " + EventType.subscribable() + ", comma-separated");
          break;
        }
        wantedTypes.add(found.get());
      }
    }
    Set<String> wantedJobs = null;
    if (jobIds != null) {
      List<String> ids = split(jobIds);
      if (ids.isEmpty() || ids.size() > MAX_JOB_IDS) {
        violations.add("job_ids", "give 1 to " + MAX_JOB_IDS + " job ids, comma-separated");
      } else if (!ids.stream().allMatch(id -> Ids.isValid(Ids.JOB, id))) {
        violations.add("job_ids", "each must be a job id (job_...)");
      } else {
        wantedJobs = new LinkedHashSet<>(ids);
      }
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations.list());
    }
    return StreamScope.tenant(tenantId, wantedTypes, wantedJobs);
  }

  private static List<String> split(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
