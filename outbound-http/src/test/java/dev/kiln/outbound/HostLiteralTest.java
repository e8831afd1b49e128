package dev.kiln.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostLiteralTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, 127.0.0.1",
    "[::1], 0:0:0:0:0:0:0:1",
    "::1, 0:0:0:0:0:0:0:1",
    "[::ffff:127.0.0.1], 0:0:0:0:0:ffff:7f00:1",
    "[fe80::1%25eth0], fe80:0:0:0:0:0:0:1",
    "FE80::1, fe80:0:0:0:0:0:0:1",
  })
  void ipLiteralsAreParsedWithoutDns(String host, String expected) {
    assertThat(HostLiteral.parseIp(host)).map(a -> a.getHostAddress()).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"example.com", "localhost", "127.1", "0x7f.0.0.1", "0177.0.0.1", "1.2.3.4.5", ""})
  void anythingElseIsNoLiteral(String host) {
    assertThat(HostLiteral.parseIp(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2130706433",
        "0x7f000001",
        "0x7f.1",
        "0177.0.0.1",
        "127.1",
        "127.000.000.001",
        "1.2.3.4.5",
        "foo.0x10",
        "example.123"
      })
  void numericHostsThatAreNoCanonicalLiteralAreAmbiguous(String host) {
    assertThat(HostLiteral.isAmbiguousNumeric(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "1e100.net", "123.example.com", "10.0.0.1", "[::1]"})
  void namesAndCanonicalLiteralsAreNotAmbiguous(String host) {
    assertThat(HostLiteral.isAmbiguousNumeric(host)).isFalse();
  }

  @Test
  void normalizeLowersCaseAndDropsTheTrailingDotAndBrackets() {
    assertThat(HostLiteral.normalize("LocalHost.")).isEqualTo("localhost");
    assertThat(HostLiteral.normalize("[::1]")).isEqualTo("::1");
  }
}
