package dev.kiln.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.config.StorageConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The validity promise of {@link ObjectStore#sign}: URLs signed as of their signing window. */
class SigningWindowTest {

  private static final Duration EXPIRY = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final ObjectStore store = store(EXPIRY);

  @Test
  void aUrlHandedOutAtAnyInstantStaysValidForAtLeastNinetyPercentOfTheExpiry() {
    for (long ms = 0; ms < 2 * EXPIRY.toMillis(); ms += 997) {
      Instant now = T0.plusMillis(ms);

      ObjectStore.SignedUrl url = store.sign("tenants/t/results/job_" + ms + "/1", now);

      Duration left = Duration.between(now, url.expiresAt());
      assertThat(left).isBetween(EXPIRY.multipliedBy(9).dividedBy(10), EXPIRY);
      assertThat(url.url()).contains("X-Amz-Expires=3600&");
    }
  }

  @Test
  void oneObjectHasOneUrlPerWindowAndANewOneInTheNext() {
    String key = "tenants/t/results/job_a/1";
    ObjectStore.SignedUrl first = store.sign(key, T0.plusSeconds(1));
    ObjectStore.SignedUrl sameWindow = store.sign(key, T0.plusSeconds(359));
    ObjectStore.SignedUrl nextWindow = store.sign(key, T0.plusSeconds(360));

    assertThat(sameWindow).isEqualTo(first);
    assertThat(first.url()).contains("X-Amz-Date=20260301T100000Z");
    assertThat(nextWindow.url()).contains("X-Amz-Date=20260301T100600Z");
    assertThat(nextWindow.expiresAt()).isEqualTo(T0.plusSeconds(360).plus(EXPIRY));
    // Another replica (another cache) hands out the same URL in the same window.
    assertThat(store(EXPIRY).sign(key, T0.plusSeconds(200))).isEqualTo(first);
  }

  @Test
  void aShortExpiryStillGetsWholeSecondWindows() {
    ObjectStore shortLived = store(Duration.ofSeconds(5));

    ObjectStore.SignedUrl url = shortLived.sign("k", T0.plusMillis(1_500));

    assertThat(url.expiresAt()).isEqualTo(T0.plusSeconds(6));
  }

  private static ObjectStore store(Duration expiry) {
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("kiln", "kiln-secret-key"));
    S3Presigner presigner =
        S3Presigner.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://localhost:19000"))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(credentials)
            .build();
    ObjectUrlSigner signer = new ObjectUrlSigner(presigner, credentials, "kiln", expiry);
    return new ObjectStore(null, signer, config(expiry));
  }

  private static StorageConfig config(Duration expiry) {
    return new StorageConfig() {
      @Override
      public String bucket() {
        return "kiln";
      }

      @Override
      public Duration urlExpiry() {
        return expiry;
      }
    };
  }
}
