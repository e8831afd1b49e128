package dev.kiln.api.storage;

import dev.kiln.api.config.StorageConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/** The API's view of the bucket: non-blocking writes and pre-signed download URLs. */
@ApplicationScoped
public class ObjectStore {

  private final S3AsyncClient s3;
  private final S3Presigner presigner;
  private final StorageConfig config;

  public ObjectStore(S3AsyncClient s3, S3Presigner presigner, StorageConfig config) {
    this.s3 = s3;
    this.presigner = presigner;
    this.config = config;
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

  /** A GET URL anyone can use until it expires ({@code kiln.storage.url-expiry}). */
  public SignedUrl sign(String key) {
    PresignedGetObjectRequest signed =
        presigner.presignGetObject(
            request ->
                request
                    .signatureDuration(config.urlExpiry())
                    .getObjectRequest(get -> get.bucket(config.bucket()).key(key)));
    return new SignedUrl(signed.url().toString(), signed.expiration());
  }

  /** A pre-signed URL and the instant it stops working. */
  public record SignedUrl(String url, Instant expiresAt) {}
}
