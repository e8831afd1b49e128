package dev.kiln.outbound;

import java.net.URI;

/**
 * The body of a successful (2xx) response. No content type: the server's claim is not trusted, the
 * caller sniffs the format from the bytes.
 *
 * @param bytes the whole body, at most the caller's limit
 * @param url the URL that answered, after redirects
 * @param redirects how many redirects were followed
 */
public record FetchedBody(byte[] bytes, URI url, int redirects) {

  public int size() {
    return bytes.length;
  }
}
