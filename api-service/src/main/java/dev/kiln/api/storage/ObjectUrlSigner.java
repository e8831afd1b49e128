package dev.kiln.api.storage;

import dev.kiln.api.config.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.CompletableFutureUtils;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signs GET URLs of the bucket's objects (SigV4, query-string auth) with the SDK's {@link
 * AwsV4HttpSigner} alone, skipping {@link S3Presigner}'s request pipeline (marshalling,
 * interceptors, endpoint rules), which cost far more than the signature itself on every completed
 * job shown.
 *
 * <p>The URL is the one the presigner would produce: the endpoint, the addressing style (path or
 * virtual host) and the signing region are read once from a URL the presigner signed for this
 * bucket, and the signer runs with the presigner's S3 settings (no double URL encoding, no path
 * normalisation, unsigned payload). {@code ObjectUrlSignerTest} compares both, character for
 * character.
 */
@ApplicationScoped
public class ObjectUrlSigner {

  /** The S3 limit of {@code X-Amz-Expires}. */
  public static final Duration MAX_EXPIRY = Duration.ofDays(7);

  private static final String PROBE_KEY = "kiln-url-probe";
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final Duration expiry;
  private final String origin;
  private final String objectUrlPrefix;
  private final String region;

  @Inject
  public ObjectUrlSigner(S3Presigner presigner, S3AsyncClient s3, StorageConfig config) {
    this(
        presigner,
        s3.serviceClientConfiguration().credentialsProvider(),
        config.bucket(),
        config.urlExpiry());
  }

  public ObjectUrlSigner(
      S3Presigner presigner,
      IdentityProvider<? extends AwsCredentialsIdentity> credentials,
      String bucket,
      Duration expiry) {
    if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
      throw new IllegalArgumentException(
          "kiln.storage.url-expiry must be between 1s and 7d (the S3 limit), not " + expiry);
    }
    this.credentials = credentials;
    this.expiry = expiry;
    URI probe =
        URI.create(
            presigner
                .presignGetObject(
                    request ->
                        request
                            .signatureDuration(expiry)
                            .getObjectRequest(get -> get.bucket(bucket).key(PROBE_KEY)))
                .url()
                .toString());
    String path = probe.getRawPath();
    if (!path.endsWith("/" + PROBE_KEY)) {
      throw new IllegalStateException("unexpected pre-signed URL form: " + probe);
    }
    this.origin = probe.getScheme() + "://" + probe.getRawAuthority();
    this.objectUrlPrefix = origin + path.substring(0, path.length() - PROBE_KEY.length());
    this.region = signingRegion(probe);
  }

  /** How long a signed URL stays valid from its signing instant. */
  public Duration expiry() {
    return expiry;
  }

  /**
   * The scheme, host and port of every signed URL, such as {@code https://kiln.s3.amazonaws.com}:
   * where a browser fetches the images it is handed.
   */
  public String origin() {
    return origin;
  }

  /** A GET URL of {@code key}, signed as of {@code at}: valid from {@code at} to at + expiry. */
  public ObjectStore.SignedUrl sign(String key, Instant at) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(URI.create(objectUrlPrefix + SdkHttpUtils.urlEncodeIgnoreSlashes(key)))
            .build();
    AwsCredentialsIdentity identity =
        CompletableFutureUtils.joinLikeSync(credentials.resolveIdentity());
    SdkHttpRequest signed =
        SIGNER
            .sign(
                r ->
                    r.identity(identity)
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
            .request();
    return new ObjectStore.SignedUrl(signed.getUri().toString(), at.plus(expiry));
  }

  /** The region of the credential scope {@code <key>/<date>/<region>/s3/aws4_request}. */
  private static String signingRegion(URI presigned) {
    for (String param : presigned.getRawQuery().split("&")) {
      if (param.startsWith("X-Amz-Credential=")) {
        String[] scope =
            URLDecoder.decode(param.substring("X-Amz-Credential=".length()), StandardCharsets.UTF_8)
                .split("/");
        if (scope.length >= 5) {
          return scope[scope.length - 3];
        }
      }
    }
    throw new IllegalStateException("no credential scope in the pre-signed URL " + presigned);
  }
}
