package dev.kiln.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Says which {@link BlockedRange} an address is in, if any. IPv6 forms that carry an IPv4 address
 * are judged by that address, since a dual-stack host or a translator delivers them to it:
 * IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code
 * 64:ff9b::a.b.c.d} and 6to4 {@code 2002:aabb:ccdd::}. Pure function of the address bytes: no DNS.
 */
public final class AddressClassifier {

  private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
  private static final Cidr COMPATIBLE = Cidr.parse("::/96");
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private AddressClassifier() {}

  /** The blocked range the address belongs to, or empty for a public unicast address. */
  public static Optional<BlockedRange> classify(InetAddress address) {
    InetAddress plain = HostLiteral.toAddress(address.getAddress()); // drops any host name
    for (BlockedRange range : BlockedRange.values()) {
      if (range.contains(plain)) {
        return Optional.of(range);
      }
    }
    return embeddedIpv4(plain).flatMap(AddressClassifier::classify);
  }

  /** The IPv4 address carried by an IPv6 transition form, if the address is one. */
  static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] bytes = address.getAddress();
    if (MAPPED.contains(address) || COMPATIBLE.contains(address) || NAT64.contains(address)) {
      return Optional.of(HostLiteral.toAddress(Arrays.copyOfRange(bytes, 12, 16)));
    }
    if (SIX_TO_FOUR.contains(address)) {
      return Optional.of(HostLiteral.toAddress(Arrays.copyOfRange(bytes, 2, 6)));
    }
    return Optional.empty();
  }
}
