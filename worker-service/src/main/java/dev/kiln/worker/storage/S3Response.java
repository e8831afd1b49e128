package dev.kiln.worker.storage;

import java.nio.charset.StandardCharsets;

/**
 * What S3 answered: the status and the body (the object of a successful GET, the XML error document
 * of a failure, truncated to what is needed to read its code).
 */
record S3Response(int status, byte[] body) {

  boolean successful() {
    return status >= 200 && status < 300;
  }

  /** The {@code <Code>} of an S3 error document ({@code NoSuchKey}, {@code SlowDown}...), or "". */
  String errorCode() {
    if (successful() || body.length == 0) {
      return "";
    }
    String xml = new String(body, StandardCharsets.UTF_8);
    int start = xml.indexOf("<Code>");
    int end = start < 0 ? -1 : xml.indexOf("</Code>", start);
    return end < 0 ? "" : xml.substring(start + "<Code>".length(), end);
  }

  /** The status and error code, for messages: {@code 503 SlowDown}. */
  String describe() {
    String code = errorCode();
    return code.isEmpty() ? Integer.toString(status) : status + " " + code;
  }
}
