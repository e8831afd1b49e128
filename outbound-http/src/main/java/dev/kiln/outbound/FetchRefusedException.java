package dev.kiln.outbound;

import java.util.Optional;

/**
 * The request was not sent because of the policy: a scheme other than http(s), credentials in the
 * URL, or a target (first URL or a redirect) in a {@link BlockedRange} that the allow-list does not
 * open. Never retryable: the same URL is refused again.
 */
public final class FetchRefusedException extends OutboundException {

  private final BlockedRange range;

  public FetchRefusedException(String message) {
    this(message, null);
  }

  public FetchRefusedException(String message, BlockedRange range) {
    super(message, null);
    this.range = range;
  }

  /** The blocked range that caused the refusal; empty for a scheme or URL-form refusal. */
  public Optional<BlockedRange> range() {
    return Optional.ofNullable(range);
  }
}
