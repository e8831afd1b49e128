package dev.kiln.worker.storage;

import java.net.URI;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Where the bucket's objects live and whom to sign as, taken once from the {@link S3Client} that
 * {@code quarkus-amazon-s3} builds from the {@code quarkus.s3.*} keys: endpoint override or the AWS
 * endpoint of the region, path-style or virtual-host addressing (both resolved by the SDK's own
 * {@code S3Utilities}), region and credentials provider.
 *
 * @param bucketUrl the URL of an object is this plus its URL-encoded key, e.g. {@code
 *     http://localhost:9000/kiln/} (path-style) or {@code https://kiln.s3.eu-west-1.amazonaws.com/}
 * @param region the region requests are signed for
 * @param credentials the SDK's provider (it caches and refreshes temporary credentials itself)
 */
public record S3Endpoint(
    String bucketUrl,
    String region,
    IdentityProvider<? extends AwsCredentialsIdentity> credentials) {

  private static final String PROBE_KEY = "k";

  /** Reads the bucket's URL, the region and the credentials from a configured client. */
  public static S3Endpoint of(S3Client s3, String bucket) {
    String probe =
        s3.utilities().getUrl(request -> request.bucket(bucket).key(PROBE_KEY)).toExternalForm();
    if (!probe.endsWith("/" + PROBE_KEY)) {
      throw new IllegalStateException("unexpected S3 object URL " + probe);
    }
    S3ServiceClientConfiguration config = s3.serviceClientConfiguration();
    return new S3Endpoint(
        probe.substring(0, probe.length() - PROBE_KEY.length()),
        config.region().id(),
        config.credentialsProvider());
  }

  /** The URL of the object under {@code key}; slashes stay, everything else is encoded. */
  public URI objectUri(String key) {
    return URI.create(bucketUrl + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
  }

  /** The credentials to sign the next request with. */
  AwsCredentialsIdentity identity() {
    return credentials.resolveIdentity().join();
  }
}
