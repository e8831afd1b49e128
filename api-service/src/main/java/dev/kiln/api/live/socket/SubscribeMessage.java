package dev.kiln.api.live.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.live.StreamParams;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The message a WebSocket client opens its stream with: {@code {"type": "subscribe",
 * "last_event_id": "48211", "types": ["job.completed"], "job_ids": ["job_..."]}}, every member but
 * {@code type} optional; filters only on the account's socket.
 *
 * @param lastEventId where to resume, as the SSE {@code Last-Event-ID}; null for none
 * @param types comma-separated event types, or null
 * @param jobIds comma-separated job ids, or null
 */
record SubscribeMessage(Long lastEventId, String types, String jobIds) {

  static final String TYPE = "subscribe";

  /**
   * @throws ApiException 400 for a message that is not JSON, 422 for one that is not a valid
   *     subscription
   */
  static SubscribeMessage parse(String text, ObjectMapper json, boolean jobStream) {
    JsonNode message;
    try {
      message = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiException(ProblemCode.MALFORMED_JSON, "The message is not valid JSON");
    }
    if (message == null || !message.isObject() || !TYPE.equals(message.path("type").asText())) {
      throw ApiException.invalid("type", "the first message is {\"type\": \"subscribe\", ...}");
    }
    JsonNode last = message.path("last_event_id");
    Long lastEventId =
        last.isMissingNode() || last.isNull()
            ? null
            : StreamParams.lastEventId(null, last.isIntegralNumber() ? last.asText() : text(last));
    String types = list(message, "types");
    String jobIds = list(message, "job_ids");
    if (jobStream && (types != null || jobIds != null)) {
      throw ApiException.invalid(
          types != null ? "types" : "job_ids", "a job's stream takes no filters");
    }
    return new SubscribeMessage(lastEventId, types, jobIds);
  }

  /** A list member as the SSE parameter's comma-separated text; null when absent. */
  private static String list(JsonNode message, String field) {
    JsonNode value = message.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw ApiException.invalid(field, "an array of strings");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual() || item.asText().contains(",")) {
        throw ApiException.invalid(field, "an array of strings");
      }
      items.add(item.asText());
    }
    return String.join(",", items);
  }

  private static String text(JsonNode value) {
    if (!value.isTextual()) {
      throw ApiException.invalid("last_event_id", "an event id as streams send it (digits)");
    }
    return value.asText();
  }
}
