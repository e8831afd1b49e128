package dev.kiln.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ObjectUrlSigner} produces exactly the URL of the SDK's presigner, without its pipeline.
 */
class ObjectUrlSignerTest {

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> KEYS =
      List.of(
          "tenants/ten_01kbz7m3q4r8s9t0v1w2x3y4z5/results/job_01kbz7m3q4r8s9t0v1w2x3y4z5/1",
          "tenants/t/media/a b+c~d*e%f&g=h?i#j",
          "tenants/t/media/ünïcödé/åß/",
          "tenants//t/./media/../x");

  @Test
  void pathStyleOnALocalEndpointMatchesThePresigner() {
    S3Presigner presigner =
        S3Presigner.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://localhost:19000"))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(basic())
            .build();
    assertSameUrls(presigner, new ObjectUrlSigner(presigner, basic(), "kiln", Duration.ofHours(1)));
    assertThat(
            new ObjectUrlSigner(presigner, basic(), "kiln", Duration.ofHours(1))
                .sign("k", Instant.EPOCH)
                .url())
        .startsWith("http://localhost:19000/kiln/k?");
  }

  @Test
  void virtualHostsOnAwsMatchThePresigner() {
    for (Region region : List.of(Region.US_EAST_1, Region.EU_WEST_1)) {
      S3Presigner presigner =
          S3Presigner.builder().region(region).credentialsProvider(basic()).build();
      ObjectUrlSigner signer =
          new ObjectUrlSigner(presigner, basic(), "kiln-results", Duration.ofDays(7));
      assertSameUrls(presigner, signer);
      URI url = URI.create(signer.sign("k", Instant.EPOCH).url());
      assertThat(url.getHost()).startsWith("kiln-results.s3.").endsWith(".amazonaws.com");
      assertThat(url.getPath()).isEqualTo("/k");
    }
  }

  @Test
  void sessionCredentialsCarryTheirTokenAsThePresignerDoes() {
    var session =
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create("ASIAKILN", "secret", "token/with+special=chars"));
    S3Presigner presigner =
        S3Presigner.builder().region(Region.EU_WEST_1).credentialsProvider(session).build();
    ObjectUrlSigner signer = new ObjectUrlSigner(presigner, session, "kiln", Duration.ofMinutes(5));
    assertSameUrls(presigner, signer);
    assertThat(signer.sign("k", Instant.EPOCH).url()).contains("X-Amz-Security-Token=");
  }

  @Test
  void anExpiryBeyondTheS3LimitIsRejectedAtStart() {
    S3Presigner presigner =
        S3Presigner.builder().region(Region.EU_WEST_1).credentialsProvider(basic()).build();
    assertThatThrownBy(() -> new ObjectUrlSigner(presigner, basic(), "kiln", Duration.ofDays(8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url-expiry");
  }

  /** Signs each key with the presigner, then with ours at the presigner's signing instant. */
  private static void assertSameUrls(S3Presigner presigner, ObjectUrlSigner signer) {
    for (String key : KEYS) {
      var expected =
          presigner.presignGetObject(
              r ->
                  r.signatureDuration(signer.expiry())
                      .getObjectRequest(g -> g.bucket(bucketOf(signer)).key(key)));
      Instant signedAt = signingInstant(expected.url().toString());

      ObjectStore.SignedUrl ours = signer.sign(key, signedAt);

      assertThat(ours.url()).isEqualTo(expected.url().toString());
      // The presigner reports its clock reading plus the duration; the URL itself (X-Amz-Date is
      // in whole seconds) expires at the truncated instant, which is what ours reports.
      assertThat(ours.expiresAt())
          .isEqualTo(expected.expiration().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
  }

  private static String bucketOf(ObjectUrlSigner signer) {
    String url = signer.sign("k", Instant.EPOCH).url();
    return url.contains("kiln-results") ? "kiln-results" : "kiln";
  }

  private static Instant signingInstant(String url) {
    int at = url.indexOf("X-Amz-Date=") + "X-Amz-Date=".length();
    return Instant.from(AMZ_DATE.parse(url.substring(at, at + 16)));
  }

  private static StaticCredentialsProvider basic() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("kiln", "kiln-secret-key"));
  }
}
