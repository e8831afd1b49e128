package dev.kiln.outbound;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fe80::/10}). An IPv4
 * range never contains an IPv6 address and the reverse: IPv6 forms that embed an IPv4 address are
 * unwrapped by {@link AddressClassifier} before ranges are consulted.
 *
 * @param network the address bytes with the host bits cleared (4 or 16 bytes)
 * @param prefix the number of leading bits that are fixed
 */
public record Cidr(byte[] network, int prefix) {

  public Cidr {
    network = network.clone();
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("prefix " + prefix + " out of range");
    }
    for (int bit = prefix; bit < network.length * 8; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
  }

  /**
   * Parses {@code address/prefix}, or a bare address as a single-address range. Only IP literals
   * are accepted: nothing here resolves a name.
   *
   * @throws IllegalArgumentException when the text is no CIDR
   */
  public static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    InetAddress parsed =
        HostLiteral.parseIp(address)
            .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
    byte[] bytes = parsed.getAddress();
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in " + text, e);
      }
    }
    return new Cidr(bytes, prefix);
  }

  /** Whether the address (of the same family) lies in this range. */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** Whether this range holds exactly one address. */
  public boolean isSingleAddress() {
    return prefix == network.length * 8;
  }

  public boolean isIpv4() {
    return network.length == 4;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr that
        && prefix == that.prefix
        && Arrays.equals(network, that.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    return HostLiteral.format(network) + "/" + prefix;
  }

  @Override
  public byte[] network() {
    return network.clone();
  }
}
