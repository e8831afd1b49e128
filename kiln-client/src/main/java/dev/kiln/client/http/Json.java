package dev.kiln.client.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kiln.client.errors.KilnException;
import java.io.IOException;

/**
 * Kiln's JSON conventions on the client side: snake_case members, RFC 3339 times, members left out
 * of requests when null, and members the client does not know ignored in answers (a newer server
 * may add some).
 */
public final class Json {

  /** The mapper every part of the client uses; thread-safe once configured. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  private Json() {}

  /** The JSON bytes of a request body. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new KilnException("Cannot write the request as JSON: " + e.getMessage(), e);
    }
  }

  /** Reads an answer's body as {@code type}. */
  public static <T> T read(byte[] body, Class<T> type) {
    try {
      return MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new KilnException("Kiln's answer is not the JSON expected: " + e.getMessage(), e);
    }
  }

  /** Reads an answer's body as {@code type}, a generic type such as a page of jobs. */
  public static <T> T read(byte[] body, JavaType type) {
    try {
      return MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new KilnException("Kiln's answer is not the JSON expected: " + e.getMessage(), e);
    }
  }
}
