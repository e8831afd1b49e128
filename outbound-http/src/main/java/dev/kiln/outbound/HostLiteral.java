package dev.kiln.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the host part of a URL without ever asking DNS: IP literals are parsed by hand (strict
 * dotted-quad IPv4, bracketed or bare IPv6), names are normalised. Hosts that are numeric but not
 * canonical ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1}) are flagged:
 * browsers, curl and some resolvers read them as IPv4 addresses, so treating them as names would
 * let {@code 127.0.0.1} in under another spelling.
 */
final class HostLiteral {

  private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0[xX][0-9a-fA-F]*");

  private HostLiteral() {}

  /** Lower case, without surrounding brackets and without the trailing dot of an absolute name. */
  static String normalize(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  /**
   * The address a host literal stands for, or empty when the text is not an IP literal (then it is
   * a name, or {@link #isAmbiguousNumeric ambiguous}). An IPv6 zone ({@code %eth0}) is dropped.
   */
  static Optional<InetAddress> parseIp(String host) {
    String h = normalize(host);
    if (h.indexOf(':') >= 0) {
      int zone = h.indexOf('%');
      String bare = zone < 0 ? h : h.substring(0, zone);
      if (!IPV6.matcher(bare).matches()) {
        return Optional.empty();
      }
      try {
        // A string of hex digits, colons and dots is parsed as a literal: no name lookup.
        byte[] bytes = InetAddress.getByName(bare).getAddress();
        if (bytes.length == 4) { // the JDK turns ::ffff:a.b.c.d into IPv4: keep the IPv6 form
          byte[] mapped = new byte[16];
          mapped[10] = (byte) 0xff;
          mapped[11] = (byte) 0xff;
          System.arraycopy(bytes, 0, mapped, 12, 4);
          bytes = mapped;
        }
        return Optional.of(toAddress(bytes));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!OCTET.matcher(parts[i]).matches()) {
        return Optional.empty();
      }
      bytes[i] = (byte) Integer.parseInt(parts[i]);
    }
    return Optional.of(toAddress(bytes));
  }

  /**
   * Whether a host that is not a canonical IP literal still reads as a number: its last label is
   * decimal or hexadecimal (the WHATWG URL rule "ends in a number"). No real DNS name ends so.
   */
  static boolean isAmbiguousNumeric(String host) {
    String h = normalize(host);
    if (parseIp(h).isPresent()) {
      return false;
    }
    String last = h.substring(h.lastIndexOf('.') + 1);
    return !last.isEmpty() && NUMERIC_LABEL.matcher(last).matches();
  }

  /** The text of an address: dotted quad for 4 bytes, RFC 5952 style for 16 (never unwrapped). */
  static String format(byte[] bytes) {
    try {
      return bytes.length == 4
          ? InetAddress.getByAddress(bytes).getHostAddress()
          : Inet6Address.getByAddress(null, bytes, -1).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + bytes.length + " bytes", e);
    }
  }

  /**
   * An address object without a host name attached, so that nothing downstream (socket code, the
   * HTTP client) can resolve a name again. 16 bytes stay IPv6 even in the IPv4-mapped form.
   */
  static InetAddress toAddress(byte[] bytes) {
    try {
      return bytes.length == 16
          ? Inet6Address.getByAddress(null, bytes, -1)
          : InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + bytes.length + " bytes", e);
    }
  }
}
