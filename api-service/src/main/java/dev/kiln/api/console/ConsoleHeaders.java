package dev.kiln.api.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response headers of the web console's files. The console is plain files of this origin: no
 * inline script or style, no other origin but the storage's, whose pre-signed URLs the console
 * shows as images. Its API calls and event streams go to this origin only.
 */
final class ConsoleHeaders {

  private ConsoleHeaders() {}

  /**
   * @param imageOrigin the origin of the pre-signed URLs of images, such as {@code
   *     https://kiln.s3.amazonaws.com}
   */
  static Map<String, String> of(String imageOrigin) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Content-Security-Policy",
        String.join(
            "; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' blob: " + imageOrigin,
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'"));
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    // Small files, checked again on every load: a new version shows at once after an upgrade.
    headers.put("Cache-Control", "no-cache");
    return Map.copyOf(headers);
  }
}
