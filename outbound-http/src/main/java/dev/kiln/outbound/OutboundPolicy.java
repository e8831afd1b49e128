package dev.kiln.outbound;

import io.vertx.core.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a URL named by a user may be requested: http or https only, no credentials in the
 * URL, and no target in a {@link BlockedRange} unless the {@link AllowList} opens it. It has two
 * entry points: {@link #checkUrl} needs no DNS (the API uses it at submit time to refuse literal
 * addresses and reserved names early; the fetcher and the poster call it for every hop), {@link
 * #checkResolved} judges the addresses a name resolved to, right before connecting to one of them.
 * {@link #resolveAndCheck} does both with a DNS lookup, for checks ahead of any request (a webhook
 * endpoint when it is registered). Immutable and thread-safe.
 */
public final class OutboundPolicy {

  /** Names that stand for a blocked range by definition, whatever DNS says (RFC 6761, GCP). */
  private static final List<String> CLOUD_METADATA_NAMES =
      List.of("metadata.google.internal", "metadata.goog");

  private final AllowList allow;

  public OutboundPolicy(AllowList allow) {
    this.allow = allow;
  }

  /** The policy with an empty allow-list: only public addresses. */
  public static OutboundPolicy strict() {
    return new OutboundPolicy(AllowList.NONE);
  }

  public AllowList allowList() {
    return allow;
  }

  /**
   * Everything that can be judged from the URL alone.
   *
   * @throws FetchRefusedException for another scheme, a missing host, credentials in the URL, a
   *     numeric host that is no canonical IP literal, or a literal address or reserved name in a
   *     blocked range
   */
  public Destination checkUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchRefusedException("only http and https URLs are fetched");
    }
    if (url.getHost() == null || url.getRawAuthority() == null) {
      throw new FetchRefusedException("the URL has no valid host");
    }
    if (url.getRawUserInfo() != null) {
      throw new FetchRefusedException("credentials in the URL are not supported");
    }
    String host = HostLiteral.normalize(url.getHost());
    boolean tls = scheme.equals("https");
    int port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
    Optional<InetAddress> literal = HostLiteral.parseIp(host);
    if (literal.isPresent()) {
      refusal(null, literal.get())
          .ifPresent(
              range -> {
                throw new FetchRefusedException(
                    "the URL's host is a " + range.label() + " address", range);
              });
    } else if (HostLiteral.isAmbiguousNumeric(host)) {
      throw new FetchRefusedException("the URL's host is a number but no canonical IP address");
    } else {
      reservedName(host)
          .filter(range -> !allow.allowsHost(host) || range == BlockedRange.CLOUD_METADATA)
          .ifPresent(
              range -> {
                throw new FetchRefusedException(
                    "the URL's host is a " + range.label() + " name", range);
              });
    }
    return new Destination(url, host, port, tls, literal);
  }

  /**
   * Judges every address a host resolved to: one blocked address refuses the whole host, so a name
   * that mixes public and internal answers cannot be used to reach the internal one.
   *
   * @throws FetchRefusedException when any address is blocked and not allowed, or there is none
   */
  public void checkResolved(String host, List<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      throw new FetchRefusedException("the host resolved to no address");
    }
    for (InetAddress address : addresses) {
      refusal(host, address)
          .ifPresent(
              range -> {
                throw new FetchRefusedException(
                    "the host resolves to a " + range.label() + " address", range);
              });
    }
  }

  /**
   * {@link #checkUrl}, then for a host name one lookup with the system resolver and {@link
   * #checkResolved} of every answer: would a request to the URL be allowed now? For checks ahead of
   * any request, such as registering a webhook endpoint (a name that resolves to 127.0.0.1 is
   * refused unless the allow-list opens it). The request itself checks again when it is sent: DNS
   * may answer differently by then. Blocking: call it on a worker thread.
   *
   * @throws FetchRefusedException when the URL or any address it resolves to is refused
   * @throws FetchFailedException when the host cannot be resolved ({@link
   *     FetchFailedException#retryable() retryable} unless the name is unknown)
   * @throws IllegalStateException when called on an event-loop thread
   */
  public Destination resolveAndCheck(URI url) {
    return resolveAndCheck(url, HostResolver.SYSTEM);
  }

  /** {@link #resolveAndCheck(URI)} with another resolver (tests use a fixed table). */
  public Destination resolveAndCheck(URI url, HostResolver resolver) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a DNS lookup must not run on an event-loop thread");
    }
    Destination destination = checkUrl(url);
    addressToConnect(destination, resolver);
    return destination;
  }

  /**
   * The address a request to a destination that passed {@link #checkUrl} connects to: its literal,
   * or the first answer of one lookup once every answer passed {@link #checkResolved}. Blocking for
   * a name.
   */
  InetAddress addressToConnect(Destination destination, HostResolver resolver) {
    if (destination.literal().isPresent()) {
      return destination.literal().get();
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(destination.host());
    } catch (UnknownHostException | RuntimeException e) {
      throw unresolvable(destination, e);
    }
    checkResolved(destination.host(), addresses);
    return addresses.getFirst();
  }

  /** The failure for a lookup that gave no answer: final for an unknown name, else retryable. */
  static FetchFailedException unresolvable(Destination destination, Throwable cause) {
    return new FetchFailedException(
        "the host " + destination.host() + " cannot be resolved",
        !(cause instanceof UnknownHostException),
        cause);
  }

  /** The blocked range that stops a connection to the address, if it is blocked and not allowed. */
  public Optional<BlockedRange> refusal(String host, InetAddress address) {
    Optional<BlockedRange> range = AddressClassifier.classify(address);
    if (range.isEmpty()) {
      return range;
    }
    if (range.get() == BlockedRange.CLOUD_METADATA) {
      boolean named =
          allow.namesExactly(address)
              || AddressClassifier.embeddedIpv4(address).map(allow::namesExactly).orElse(false);
      return named ? Optional.empty() : range;
    }
    boolean allowed =
        allow.allowsAddress(address)
            || AddressClassifier.embeddedIpv4(address).map(allow::allowsAddress).orElse(false)
            || (host != null && allow.allowsHost(host));
    return allowed ? Optional.empty() : range;
  }

  private static Optional<BlockedRange> reservedName(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return Optional.of(BlockedRange.LOOPBACK);
    }
    if (CLOUD_METADATA_NAMES.contains(host)) {
      return Optional.of(BlockedRange.CLOUD_METADATA);
    }
    return Optional.empty();
  }
}
