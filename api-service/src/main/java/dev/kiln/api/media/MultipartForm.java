package dev.kiln.api.media;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code file} field of a {@code multipart/form-data} body (RFC 7578) held in memory. Parsing
 * is linear in the body (a KMP search for the boundary), so no crafted boundary can make it slow.
 */
final class MultipartForm {

  /** The longest boundary RFC 2046 allows. */
  static final int MAX_BOUNDARY = 70;

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] CLOSE = {'-', '-'};
  private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};
  private static final Pattern NAME =
      Pattern.compile(
          "(?:^|;)\\s*name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]*))", Pattern.CASE_INSENSITIVE);

  private MultipartForm() {}

  /**
   * @throws ApiException 400 {@code malformed_multipart} when the body is not framed by the
   *     boundary, 422 {@code validation_failed} on {@code file} when the field is missing or twice
   */
  static byte[] file(byte[] body, String boundary) {
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] opening = Arrays.copyOfRange(delimiter, CRLF.length, delimiter.length);
    // The first delimiter may open the body without the CRLF that precedes the others.
    int afterDelimiter = startsWith(body, 0, opening) ? opening.length : end(body, delimiter, 0);
    if (afterDelimiter < 0) {
      throw malformed("the body holds no part delimited by the boundary of its Content-Type");
    }
    byte[] file = null;
    while (!startsWith(body, afterDelimiter, CLOSE)) {
      int headersStart = indexOf(body, CRLF, afterDelimiter);
      int headersEnd = headersStart < 0 ? -1 : indexOf(body, HEADERS_END, headersStart);
      if (headersEnd < 0) {
        throw malformed("a part has no end of its headers");
      }
      int contentStart = headersEnd + HEADERS_END.length;
      int contentEnd = indexOf(body, delimiter, contentStart);
      if (contentEnd < 0) {
        throw malformed("the body ends before the closing boundary");
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
      if ("file".equals(fieldName(headers))) {
        if (file != null) {
          throw ApiException.invalid("file", "give the field 'file' once");
        }
        file = Arrays.copyOfRange(body, contentStart, contentEnd);
      }
      afterDelimiter = contentEnd + delimiter.length;
    }
    if (file == null) {
      throw ApiException.invalid("file", "a multipart field 'file' with the image is required");
    }
    return file;
  }

  /** The index just after the first {@code pattern} at or after {@code from}, or -1. */
  private static int end(byte[] body, byte[] pattern, int from) {
    int at = indexOf(body, pattern, from);
    return at < 0 ? -1 : at + pattern.length;
  }

  private static String fieldName(String headers) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon)
              .trim()
              .toLowerCase(Locale.ROOT)
              .equals("content-disposition")) {
        Matcher name = NAME.matcher(line.substring(colon + 1));
        if (name.find()) {
          return name.group(1) != null ? name.group(1) : name.group(2);
        }
      }
    }
    return null;
  }

  private static ApiException malformed(String detail) {
    return new ApiException(
        ProblemCode.MALFORMED_MULTIPART, "The multipart body is malformed: " + detail);
  }

  private static boolean startsWith(byte[] body, int from, byte[] prefix) {
    return from >= 0
        && body.length - from >= prefix.length
        && Arrays.equals(body, from, from + prefix.length, prefix, 0, prefix.length);
  }

  /** Knuth-Morris-Pratt: the first index of {@code pattern} at or after {@code from}, or -1. */
  static int indexOf(byte[] body, byte[] pattern, int from) {
    int[] fallback = new int[pattern.length];
    for (int i = 1, k = 0; i < pattern.length; i++) {
      while (k > 0 && pattern[i] != pattern[k]) {
        k = fallback[k - 1];
      }
      if (pattern[i] == pattern[k]) {
        k++;
      }
      fallback[i] = k;
    }
    for (int i = Math.max(0, from), k = 0; i < body.length; i++) {
      while (k > 0 && body[i] != pattern[k]) {
        k = fallback[k - 1];
      }
      if (body[i] == pattern[k]) {
        k++;
      }
      if (k == pattern.length) {
        return i - pattern.length + 1;
      }
    }
    return -1;
  }
}
