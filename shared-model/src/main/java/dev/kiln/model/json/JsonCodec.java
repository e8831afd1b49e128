package dev.kiln.model.json;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes and decodes one wire type to and from UTF-8 JSON bytes, the format of every Kafka record.
 *
 * @param <T> the record type
 */
public final class JsonCodec<T> {

  private final Class<T> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  private JsonCodec(Class<T> type) {
    this.type = type;
    this.reader = KilnJson.mapper().readerFor(type);
    this.writer = KilnJson.mapper().writerFor(type);
  }

  public static <T> JsonCodec<T> of(Class<T> type) {
    return new JsonCodec<>(type);
  }

  public byte[] encode(T value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
    }
  }

  /**
   * @throws MalformedRecordException when the bytes are not a valid {@code T}
   */
  public T decode(byte[] json) {
    try {
      return reader.readValue(json);
    } catch (IOException e) {
      throw new MalformedRecordException(type, e);
    }
  }
}
