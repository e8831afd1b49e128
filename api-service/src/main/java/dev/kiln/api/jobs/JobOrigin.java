package dev.kiln.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kiln.model.json.KilnJson;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a submit came from.
 *
 * @param endpoint the method and path it was sent to ({@code POST /v1/stickers}): the scope of its
 *     {@code Idempotency-Key}
 * @param preset the preset the job shows (a named recipe such as {@code sticker}), or null
 * @param bodyHash the SHA-256 of the request as parsed, which its key is bound to
 * @param rerunOf the job this one re-runs, or null
 */
public record JobOrigin(String endpoint, String preset, String bodyHash, String rerunOf) {

  /** Writes a request's tree with every object's members sorted by name. */
  private static final ObjectMapper CANONICAL =
      KilnJson.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** A submit of {@code request} to {@code endpoint}. */
  public static JobOrigin of(String endpoint, String preset, Object request) {
    return new JobOrigin(endpoint, preset, hash(request), null);
  }

  /**
   * The SHA-256 of a request as parsed, in hex: two bodies that differ only in spacing or in the
   * order of their members (metadata's too) are the same request.
   */
  static String hash(Object request) {
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.convertValue(request, Object.class));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
