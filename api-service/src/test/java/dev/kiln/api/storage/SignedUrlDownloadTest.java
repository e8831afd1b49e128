package dev.kiln.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * URLs from {@link ObjectUrlSigner} against the S3 server: valid from their signing instant until
 * it plus the expiry (so a URL signed at the start of its window works), refused after.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class SignedUrlDownloadTest {

  private static final byte[] BYTES = "kiln".getBytes(StandardCharsets.UTF_8);

  @Inject S3Client s3;
  @Inject ObjectUrlSigner signer;

  @Test
  void aUrlSignedEarlierInItsValidityDownloadsTheObject() throws Exception {
    String key = "tenants/t/media/a b+c~d=e&f/ünïcödé";
    s3.putObject(p -> p.bucket("kiln").key(key), RequestBody.fromBytes(BYTES));
    Instant nearlyExpired = Instant.now().minus(signer.expiry()).plus(Duration.ofMinutes(2));

    HttpResponse<byte[]> download = get(signer.sign(key, nearlyExpired).url());

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(BYTES);
  }

  @Test
  void anExpiredUrlIsRefused() throws Exception {
    String key = "tenants/t/media/expired";
    s3.putObject(p -> p.bucket("kiln").key(key), RequestBody.fromBytes(BYTES));
    Instant expired = Instant.now().minus(signer.expiry()).minus(Duration.ofMinutes(2));

    assertThat(get(signer.sign(key, expired).url()).statusCode()).isEqualTo(403);
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }
}
