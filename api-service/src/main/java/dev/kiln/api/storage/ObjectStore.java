package dev.kiln.api.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.api.config.StorageConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.BytesWrapper;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The API's view of the bucket: non-blocking writes and pre-signed download URLs.
 *
 * <p>URLs are signed as of the start of the current signing window, a tenth of the configured
 * expiry (at least one second), aligned to the epoch: a URL handed out at any instant stays valid
 * for at least 90% of {@code kiln.storage.url-expiry} and at most all of it, and the same object
 * gets the same URL from every replica throughout a window (so browsers and CDNs can cache the
 * image). Because the URL is a function of (key, window), recently signed ones are kept and handed
 * out again instead of being signed once more for every poll, stream event and replica.
 *
 * <p>Built at startup: building the S3 client blocks for a while, which must not happen on an event
 * loop at the first request (or webhook) that needs the store.
 */
@Startup
@ApplicationScoped
public class ObjectStore {

  /** Signed URLs kept; each is a few hundred bytes. */
  static final int KEPT_URLS = 10_000;

  private final S3AsyncClient s3;
  private final ObjectUrlSigner signer;
  private final StorageConfig config;
  private final long windowSeconds;
  private final Cache<String, SignedUrl> recent;

  public ObjectStore(S3AsyncClient s3, ObjectUrlSigner signer, StorageConfig config) {
    this.s3 = s3;
    this.signer = signer;
    this.config = config;
    this.windowSeconds = Math.max(1, signer.expiry().toSeconds() / 10);
    this.recent =
        Caffeine.newBuilder()
            .maximumSize(KEPT_URLS)
            .expireAfterWrite(Duration.ofSeconds(windowSeconds))
            .build();
  }

  /**
   * Writes an object. The SDK completes on its own I/O threads; the result is handed back to the
   * caller's Vert.x context, where Hibernate Reactive sessions must continue.
   */
  public Uni<Void> put(String key, byte[] bytes, String contentType) {
    Context caller = Vertx.currentContext();
    Uni<Void> put =
        Uni.createFrom()
            .completionStage(
                () ->
                    s3.putObject(
                        request ->
                            request.bucket(config.bucket()).key(key).contentType(contentType),
                        AsyncRequestBody.fromBytes(bytes)))
            .replaceWithVoid();
    return caller == null ? put : put.emitOn(task -> caller.runOnContext(ignored -> task.run()));
  }

  /** Reads an object (small ones: the whole object is held in memory). */
  public Uni<byte[]> get(String key) {
    Context caller = Vertx.currentContext();
    Uni<byte[]> get =
        Uni.createFrom()
            .completionStage(
                () ->
                    s3.getObject(
                        request -> request.bucket(config.bucket()).key(key),
                        AsyncResponseTransformer.toBytes()))
            .map(BytesWrapper::asByteArray);
    return caller == null ? get : get.emitOn(task -> caller.runOnContext(ignored -> task.run()));
  }

  /**
   * A GET URL anyone can use until it expires: for at least 90% of {@code kiln.storage.url-expiry}
   * from now, see the class comment.
   */
  public SignedUrl sign(String key) {
    return sign(key, Instant.now());
  }

  SignedUrl sign(String key, Instant now) {
    Instant windowStart =
        Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds);
    Instant expiresAt = windowStart.plus(signer.expiry());
    SignedUrl kept = recent.getIfPresent(key);
    if (kept != null && kept.expiresAt().equals(expiresAt)) {
      return kept;
    }
    SignedUrl signed = signer.sign(key, windowStart);
    recent.put(key, signed);
    return signed;
  }

  /** A pre-signed URL and the instant it stops working. */
  public record SignedUrl(String url, Instant expiresAt) {}
}
