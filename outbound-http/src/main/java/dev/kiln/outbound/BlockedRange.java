package dev.kiln.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * The address ranges a request to a user-named URL must not reach unless an operator allows them:
 * everything that is not the public internet as seen from a server (this host, its private
 * networks, link-local services such as cloud metadata, multicast, addresses that are no unicast
 * destination). Order matters: {@link #CLOUD_METADATA} is listed first because its addresses also
 * lie in {@link #LINK_LOCAL}, {@link #PRIVATE} or {@link #CGNAT}, and it is the stricter verdict.
 */
public enum BlockedRange {
  /** Instance metadata services that hand out cloud credentials (AWS, GCP, Azure, Alibaba). */
  CLOUD_METADATA(
      "cloud metadata",
      "169.254.169.254/32",
      "169.254.170.2/32",
      "100.100.100.200/32",
      "fd00:ec2::254/128"),
  /** 0.0.0.0/8 and {@code ::}: "this host" (Linux connects 0.0.0.0 to the loopback). */
  UNSPECIFIED("unspecified", "0.0.0.0/8", "::/128"),
  LOOPBACK("loopback", "127.0.0.0/8", "::1/128"),
  /** RFC 1918, IPv6 unique local (fc00::/7) and the deprecated site-local fec0::/10. */
  PRIVATE("private", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fec0::/10"),
  LINK_LOCAL("link-local", "169.254.0.0/16", "fe80::/10"),
  /** RFC 6598 shared address space, used inside carrier and cloud networks. */
  CGNAT("carrier-grade NAT", "100.64.0.0/10"),
  MULTICAST("multicast", "224.0.0.0/4", "ff00::/8"),
  /** IETF protocol assignments, benchmarking, and 240/4 up to the broadcast address. */
  RESERVED("reserved", "192.0.0.0/24", "198.18.0.0/15", "240.0.0.0/4");

  private final String label;
  private final List<Cidr> ranges;

  BlockedRange(String label, String... cidrs) {
    this.label = label;
    this.ranges = Arrays.stream(cidrs).map(Cidr::parse).toList();
  }

  /** A short human name, used in error messages ({@code "loopback"}). */
  public String label() {
    return label;
  }

  public List<Cidr> ranges() {
    return ranges;
  }

  boolean contains(InetAddress address) {
    for (Cidr range : ranges) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
