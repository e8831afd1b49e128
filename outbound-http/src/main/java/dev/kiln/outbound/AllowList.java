package dev.kiln.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's exceptions to {@link BlockedRange}: address ranges ({@code 10.1.0.0/16}, {@code
 * 127.0.0.1}) and host names ({@code images.internal}, or {@code *.images.internal} for its
 * sub-domains) that requests may reach although they are not public. Cloud metadata addresses are
 * only opened by an entry naming exactly that address ({@code 169.254.169.254/32}): allowing a
 * link-local or private range, or a host name, never exposes credentials by accident.
 *
 * @param ranges allowed address ranges
 * @param hosts allowed host names, normalised (lower case, no trailing dot)
 * @param domains allowed domain suffixes, each starting with a dot ({@code .images.internal})
 */
public record AllowList(List<Cidr> ranges, Set<String> hosts, Set<String> domains) {

  /** Nothing allowed: the default. */
  public static final AllowList NONE = new AllowList(List.of(), Set.of(), Set.of());

  public AllowList {
    ranges = List.copyOf(ranges);
    hosts = Set.copyOf(hosts);
    domains = Set.copyOf(domains);
  }

  /**
   * Reads entries as an operator writes them: each a CIDR, an IP address, a host name or {@code
   * *.domain}. Blank entries are skipped.
   *
   * @throws IllegalArgumentException naming the first entry that is none of these
   */
  public static AllowList parse(Collection<String> entries) {
    List<Cidr> ranges = new ArrayList<>();
    Set<String> hosts = new TreeSet<>();
    Set<String> domains = new TreeSet<>();
    for (String entry : entries) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      if (e.indexOf('/') >= 0 || HostLiteral.parseIp(e).isPresent()) {
        ranges.add(Cidr.parse(e));
      } else if (HostLiteral.isAmbiguousNumeric(e) || !isHostName(e.replaceFirst("^\\*\\.", ""))) {
        throw new IllegalArgumentException(
            "allow-list entry '" + entry + "' is no CIDR, IP address, host name or *.domain");
      } else if (e.startsWith("*.")) {
        domains.add("." + HostLiteral.normalize(e.substring(2)));
      } else {
        hosts.add(HostLiteral.normalize(e));
      }
    }
    return new AllowList(ranges, hosts, domains);
  }

  /** Whether the host name itself is allowed, whatever it resolves to (except cloud metadata). */
  public boolean allowsHost(String host) {
    String h = HostLiteral.normalize(host);
    if (hosts.contains(h)) {
      return true;
    }
    for (String domain : domains) {
      if (h.endsWith(domain)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an entry's range holds the address. */
  public boolean allowsAddress(InetAddress address) {
    return ranges.stream().anyMatch(r -> r.contains(address));
  }

  /** Whether an entry names exactly this address (required to open cloud metadata). */
  public boolean namesExactly(InetAddress address) {
    return ranges.stream().anyMatch(r -> r.isSingleAddress() && r.contains(address));
  }

  public boolean isEmpty() {
    return ranges.isEmpty() && hosts.isEmpty() && domains.isEmpty();
  }

  private static boolean isHostName(String name) {
    return name.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");
  }
}
