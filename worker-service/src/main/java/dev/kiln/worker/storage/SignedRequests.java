package dev.kiln.worker.storage;

import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Signs S3 object requests with the SDK's own SigV4 signer ({@code http-auth-aws}), so the
 * canonical request, the signing-key derivation and its caching are the SDK's, not ours. Only the
 * per-call pipeline around it (interceptors, endpoint rules, checksums, metrics) is left out.
 *
 * <p>The payload is always hashed into the signature ({@code x-amz-content-sha256} is the body's
 * SHA-256, never {@code UNSIGNED-PAYLOAD}): S3 then rejects a body altered in transit on plain http
 * too, and for the sizes stored here (results of at most a few MB, empty GET bodies) the hash costs
 * a few microseconds per KB (docs/decisions.md).
 */
final class SignedRequests {

  private static final String SERVICE = "s3";
  private static final byte[] EMPTY = new byte[0];

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final S3Endpoint endpoint;

  SignedRequests(S3Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** A GET of the object under {@code key}. */
  S3Request get(String key) {
    return sign(SdkHttpMethod.GET, endpoint.objectUri(key), null, EMPTY);
  }

  /** A PUT of {@code body} under {@code key}, stored with {@code contentType}. */
  S3Request put(String key, byte[] body, String contentType) {
    return sign(SdkHttpMethod.PUT, endpoint.objectUri(key), contentType, body);
  }

  private S3Request sign(SdkHttpMethod method, URI uri, String contentType, byte[] body) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(method).uri(uri);
    if (contentType != null) {
      unsigned.putHeader("Content-Type", contentType);
    }
    if (method == SdkHttpMethod.PUT) {
      unsigned.putHeader("Content-Length", Integer.toString(body.length));
    }
    SdkHttpRequest signed =
        signer
            .sign(
                request ->
                    request
                        .request(unsigned.build())
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .identity(endpoint.identity())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, endpoint.region())
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                        // S3 signs the path as sent: no second encoding, no dot-segment removal
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true))
            .request();
    Map<String, List<String>> headers = signed.headers();
    return new S3Request(method.name(), uri, headers, method == SdkHttpMethod.PUT ? body : null);
  }
}
