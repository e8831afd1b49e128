package dev.kiln.client.jobs;

/**
 * Where a job's image comes from: exactly one of an uploaded media object or a public http(s) URL.
 */
public record Input(String mediaId, String url) {

  /** An uploaded image ({@code med_...}). */
  public static Input media(String mediaId) {
    return new Input(mediaId, null);
  }

  /** An image Kiln's workers fetch from a public URL. */
  public static Input url(String url) {
    return new Input(null, url);
  }
}
