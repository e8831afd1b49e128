package dev.kiln.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {

  private static final OutboundPolicy STRICT = OutboundPolicy.strict();

  @ParameterizedTest
  @CsvSource({
    "http://127.0.0.1/, LOOPBACK",
    "http://127.0.0.1:8080/x, LOOPBACK",
    "http://[::1]/, LOOPBACK",
    "http://[::ffff:127.0.0.1]/, LOOPBACK",
    "http://[::ffff:7f00:1]/, LOOPBACK",
    "http://10.0.0.5/a.png, PRIVATE",
    "https://192.168.0.1/, PRIVATE",
    "http://[fd00::1]/, PRIVATE",
    "http://169.254.169.254/latest/meta-data/, CLOUD_METADATA",
    "http://[fd00:ec2::254]/, CLOUD_METADATA",
    "http://[::ffff:169.254.169.254]/, CLOUD_METADATA",
    "http://[fe80::1]/, LINK_LOCAL",
    "http://100.64.0.1/, CGNAT",
    "http://0.0.0.0/, UNSPECIFIED",
    "http://localhost/, LOOPBACK",
    "http://LOCALHOST./, LOOPBACK",
    "http://api.localhost/, LOOPBACK",
    "http://metadata.google.internal/computeMetadata/v1/, CLOUD_METADATA",
  })
  void literalAddressesAndReservedNamesAreRefusedWithoutDns(String url, BlockedRange range) {
    assertThatThrownBy(() -> STRICT.checkUrl(URI.create(url)))
        .isInstanceOfSatisfying(
            FetchRefusedException.class, e -> assertThat(e.range()).contains(range));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/a.png",
        "file:///etc/passwd",
        "gopher://example.com/",
        "jar:http://example.com/a.jar!/",
        "http:///no-host",
        "http://user:secret@example.com/a.png",
        "http://example.com@127.0.0.1/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://127.1/",
        "http://0177.0.0.1/",
      })
  void otherSchemesCredentialsAndAmbiguousNumbersAreRefused(String url) {
    assertThatThrownBy(() -> STRICT.checkUrl(URI.create(url)))
        .isInstanceOf(FetchRefusedException.class);
  }

  @Test
  void aPublicUrlPassesAndIsSplitForTheConnection() {
    Destination d = STRICT.checkUrl(URI.create("HTTPS://Images.Example.com./cat.png?size=2"));

    assertThat(d.host()).isEqualTo("images.example.com");
    assertThat(d.port()).isEqualTo(443);
    assertThat(d.tls()).isTrue();
    assertThat(d.literal()).isEmpty();
    assertThat(d.requestTarget()).isEqualTo("/cat.png?size=2");
    assertThat(d.authority()).isEqualTo("images.example.com");
    assertThat(STRICT.checkUrl(URI.create("http://[2001:db8::1]:8080/")).authority())
        .isEqualTo("[2001:db8::1]:8080");
    assertThat(STRICT.checkUrl(URI.create("http://93.184.215.14:8080")).requestTarget())
        .isEqualTo("/");
  }

  @Test
  void oneBlockedAnswerAmongManyRefusesTheHost() throws Exception {
    List<InetAddress> answers =
        List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7"));

    assertThatThrownBy(() -> STRICT.checkResolved("mixed.example.com", answers))
        .isInstanceOfSatisfying(
            FetchRefusedException.class,
            e -> {
              assertThat(e.range()).contains(BlockedRange.PRIVATE);
              assertThat(e.getMessage()).doesNotContain("10.0.0.7");
            });
    assertThatThrownBy(() -> STRICT.checkResolved("none.example.com", List.of()))
        .isInstanceOf(FetchRefusedException.class);
    assertThatCode(() -> STRICT.checkResolved("ok.example.com", answers.subList(0, 1)))
        .doesNotThrowAnyException();
  }

  @Test
  void allowedRangesOpenTheirAddressesOnly() throws Exception {
    OutboundPolicy policy =
        new OutboundPolicy(AllowList.parse(List.of("10.1.0.0/16", "127.0.0.1", "fd00:1::/32")));

    assertThatCode(() -> policy.checkUrl(URI.create("http://10.1.2.3/")))
        .doesNotThrowAnyException();
    assertThatCode(() -> policy.checkUrl(URI.create("http://127.0.0.1:9000/")))
        .doesNotThrowAnyException();
    assertThatCode(() -> policy.checkUrl(URI.create("http://[::ffff:127.0.0.1]/")))
        .doesNotThrowAnyException();
    assertThatCode(() -> policy.checkUrl(URI.create("http://[fd00:1::5]/")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.checkUrl(URI.create("http://10.2.0.1/")))
        .isInstanceOf(FetchRefusedException.class);
    assertThatThrownBy(() -> policy.checkUrl(URI.create("http://127.0.0.2/")))
        .isInstanceOf(FetchRefusedException.class);
    assertThatThrownBy(() -> policy.checkUrl(URI.create("http://localhost/")))
        .isInstanceOf(FetchRefusedException.class);
  }

  @Test
  void allowedHostNamesOpenWhatTheyResolveToForThatNameOnly() throws Exception {
    OutboundPolicy policy =
        new OutboundPolicy(AllowList.parse(List.of("images.internal", "*.corp.internal")));
    List<InetAddress> internal = List.of(InetAddress.getByName("10.9.8.7"));

    assertThatCode(() -> policy.checkResolved("images.internal", internal))
        .doesNotThrowAnyException();
    assertThatCode(() -> policy.checkResolved("IMAGES.INTERNAL.", internal))
        .doesNotThrowAnyException();
    assertThatCode(() -> policy.checkResolved("cdn.corp.internal", internal))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.checkResolved("corp.internal", internal))
        .isInstanceOf(FetchRefusedException.class);
    assertThatThrownBy(() -> policy.checkResolved("evil.example.com", internal))
        .isInstanceOf(FetchRefusedException.class);
  }

  @Test
  void cloudMetadataOpensOnlyForAnEntryNamingExactlyThatAddress() throws Exception {
    InetAddress metadata = InetAddress.getByName("169.254.169.254");
    OutboundPolicy wide =
        new OutboundPolicy(
            AllowList.parse(List.of("169.254.0.0/16", "0.0.0.0/0", "meta.internal")));
    OutboundPolicy exact = new OutboundPolicy(AllowList.parse(List.of("169.254.169.254/32")));

    assertThat(wide.refusal("meta.internal", metadata)).contains(BlockedRange.CLOUD_METADATA);
    assertThat(wide.refusal(null, InetAddress.getByName("169.254.1.1"))).isEmpty();
    assertThat(exact.refusal(null, metadata)).isEmpty();
    assertThatThrownBy(() -> wide.checkUrl(URI.create("http://metadata.google.internal/")))
        .isInstanceOf(FetchRefusedException.class);
  }

  @Test
  void resolveAndCheckRefusesANameThatResolvesToABlockedAddress() {
    HostResolver table =
        OutboundFetcherTest.table(
            Map.of("hooks.kiln.test", List.of("127.0.0.1"), "public.kiln.test", List.of("8.8.8.8")),
            new AtomicInteger());
    URI hooks = URI.create("https://hooks.kiln.test/kiln");
    OutboundPolicy loopbackAllowed = new OutboundPolicy(AllowList.parse(List.of("127.0.0.1")));

    assertThatThrownBy(() -> STRICT.resolveAndCheck(hooks, table))
        .isInstanceOfSatisfying(
            FetchRefusedException.class,
            e -> {
              assertThat(e.range()).contains(BlockedRange.LOOPBACK);
              assertThat(e.getMessage()).doesNotContain("127.0.0.1");
            });
    assertThat(loopbackAllowed.resolveAndCheck(hooks, table).host()).isEqualTo("hooks.kiln.test");
    assertThat(STRICT.resolveAndCheck(URI.create("http://public.kiln.test/"), table).port())
        .isEqualTo(80);
    assertThatThrownBy(() -> STRICT.resolveAndCheck(URI.create("http://10.0.0.1/"), table))
        .isInstanceOf(FetchRefusedException.class);
    assertThatThrownBy(() -> STRICT.resolveAndCheck(URI.create("http://nowhere.kiln.test/"), table))
        .isInstanceOfSatisfying(
            FetchFailedException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).isEqualTo("the host nowhere.kiln.test cannot be resolved");
            });
  }

  @Test
  void allowListEntriesAreValidated() {
    assertThat(AllowList.parse(List.of(" ", "")).isEmpty()).isTrue();
    assertThatThrownBy(() -> AllowList.parse(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AllowList.parse(List.of("not a host")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a host");
    assertThatThrownBy(() -> AllowList.parse(List.of("127.1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cidrContainsItsRangeAndNothingOfTheOtherFamily() throws Exception {
    Cidr range = Cidr.parse("172.16.0.0/12");

    assertThat(range.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
    assertThat(range.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
    assertThat(range.contains(InetAddress.getByName("::1"))).isFalse();
    assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
    assertThat(Cidr.parse("fe80::/10").toString()).isEqualTo("fe80:0:0:0:0:0:0:0/10");
    assertThat(Cidr.parse("127.0.0.1").isSingleAddress()).isTrue();
  }
}
