package dev.kiln.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressClassifierTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    // IPv4, each range and its edges
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "10.0.0.1, PRIVATE",
    "10.255.255.255, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "169.254.0.1, LINK_LOCAL",
    "169.254.255.255, LINK_LOCAL",
    "169.254.169.254, CLOUD_METADATA",
    "169.254.170.2, CLOUD_METADATA",
    "100.100.100.200, CLOUD_METADATA",
    "100.64.0.1, CGNAT",
    "100.127.255.255, CGNAT",
    "224.0.0.1, MULTICAST",
    "239.255.255.250, MULTICAST",
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, UNSPECIFIED",
    "255.255.255.255, RESERVED",
    "240.0.0.1, RESERVED",
    "198.18.0.1, RESERVED",
    "192.0.0.8, RESERVED",
    // IPv6
    "::1, LOOPBACK",
    "::, UNSPECIFIED",
    "fc00::1, PRIVATE",
    "fd12:3456:789a::1, PRIVATE",
    "fec0::1, PRIVATE",
    "fe80::1, LINK_LOCAL",
    "febf:ffff::1, LINK_LOCAL",
    "ff02::1, MULTICAST",
    "fd00:ec2::254, CLOUD_METADATA",
    // IPv6 forms that carry an IPv4 address
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:10.1.2.3, PRIVATE",
    "::ffff:169.254.169.254, CLOUD_METADATA",
    "::ffff:100.64.1.1, CGNAT",
    "::ffff:0.0.0.0, UNSPECIFIED",
    "::127.0.0.1, LOOPBACK",
    "::10.0.0.1, PRIVATE",
    "64:ff9b::127.0.0.1, LOOPBACK",
    "64:ff9b::a9fe:a9fe, CLOUD_METADATA",
    "2002:7f00:1::, LOOPBACK",
    "2002:c0a8:0101::1, PRIVATE",
  })
  void blockedAddressesAreClassified(String address, BlockedRange expected) throws Exception {
    InetAddress parsed = HostLiteral.parseIp(address).orElseThrow();

    assertThat(AddressClassifier.classify(parsed)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "93.184.215.14",
        "9.255.255.255",
        "11.0.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.167.255.255",
        "192.169.0.0",
        "169.253.255.255",
        "169.255.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "126.255.255.255",
        "128.0.0.0",
        "223.255.255.255",
        "2606:4700:4700::1111",
        "2001:4860:4860::8888",
        "fbff:ffff::1",
        "fe00::1",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:0808:0808::1",
      })
  void publicAddressesAreNotBlocked(String address) {
    InetAddress parsed = HostLiteral.parseIp(address).orElseThrow();

    assertThat(AddressClassifier.classify(parsed)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254"})
  void aTrueIpv6MappedObjectIsJudgedLikeTheJdkConvertedOne(String ipv4) throws Exception {
    byte[] v4 = InetAddress.getByName(ipv4).getAddress();
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(v4, 0, mapped, 12, 4);
    InetAddress asIpv6 = Inet6Address.getByAddress(null, mapped, -1);
    InetAddress converted = InetAddress.getByAddress(mapped); // the JDK turns it into IPv4

    assertThat(asIpv6).isInstanceOf(Inet6Address.class);
    assertThat(AddressClassifier.classify(asIpv6))
        .isPresent()
        .isEqualTo(AddressClassifier.classify(converted));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "example.com"})
  void aHostNameOnTheAddressObjectIsIgnored(String name) throws Exception {
    InetAddress named = InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1});

    assertThat(AddressClassifier.classify(named)).contains(BlockedRange.LOOPBACK);
  }
}
