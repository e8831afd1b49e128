package dev.kiln.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.worker.storage.ObjectStore.ObjectNotFoundException;
import dev.kiln.worker.storage.ScriptedS3Server.Step;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Which failures the store retries, and how it reports the ones it gives up on. */
class ObjectStoreRetryTest {

  private static final int ATTEMPTS = 3;

  private final Vertx vertx = Vertx.vertx();
  private ScriptedS3Server server;

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void connectionClosedWithoutAnAnswerIsRetried() throws Exception {
    ObjectStore store = storeFor(Step.DROP, Step.answer(200, "pixels"));

    assertThat(store.read("tenants/t/media/m", 100)).asString().isEqualTo("pixels");
    assertThat(server.requests())
        .containsExactly(
            "GET /kiln/tenants/t/media/m HTTP/1.1", "GET /kiln/tenants/t/media/m HTTP/1.1");
    assertThat(server.connectionsAccepted()).isEqualTo(2);
  }

  @Test
  void putOnAClosedConnectionIsRetried() throws Exception {
    ObjectStore store = storeFor(Step.DROP, Step.answer(200, ""));

    store.write("tenants/t/results/j/1", new byte[] {1, 2, 3}, "image/png");

    assertThat(server.requests())
        .containsExactly(
            "PUT /kiln/tenants/t/results/j/1 HTTP/1.1", "PUT /kiln/tenants/t/results/j/1 HTTP/1.1");
  }

  @Test
  void putCarriesOneSignedHostAndThePayloadHash() throws Exception {
    ObjectStore store = storeFor(Step.answer(200, ""));

    store.write("a/b", new byte[] {1, 2, 3}, "image/png");

    List<String> lines = List.of(server.heads().getFirst().toLowerCase(Locale.ROOT).split("\r\n"));
    assertThat(lines).filteredOn(line -> line.startsWith("host:")).hasSize(1);
    assertThat(lines)
        .contains(
            "content-type: image/png",
            "content-length: 3",
            // SHA-256 of the bytes 1, 2, 3: the payload is signed, not UNSIGNED-PAYLOAD
            "x-amz-content-sha256: 039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("authorization: aws4-hmac-sha256 credential=key/")
                    .contains("/us-east-1/s3/aws4_request")
                    .contains(
                        "signedheaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date"));
  }

  @Test
  void slowDownAndServerErrorsAreRetried() throws Exception {
    ObjectStore store =
        storeFor(
            Step.error(503, "SlowDown"), Step.error(500, "InternalError"), Step.answer(200, "x"));

    assertThat(store.read("k", 100)).asString().isEqualTo("x");
    assertThat(server.requests()).hasSize(3);
    assertThat(meters.counter("kiln.storage.retries", "operation", "get").count()).isEqualTo(2);
    assertThat(meters.counter("kiln.storage.requests", "operation", "get", "outcome", "ok").count())
        .isEqualTo(1);
  }

  @Test
  void tooManyRequestsIsRetried() throws Exception {
    ObjectStore store = storeFor(Step.answer(429, ""), Step.answer(200, "x"));

    assertThat(store.read("k", 100)).asString().isEqualTo("x");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void lastingOutageEndsInAStorageExceptionAfterEveryAttempt() throws Exception {
    ObjectStore store =
        storeFor(
            Step.error(503, "SlowDown"), Step.error(503, "SlowDown"), Step.error(503, "SlowDown"));

    assertThatThrownBy(() -> store.write("k", new byte[1], "image/png"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("PUT k")
        .hasMessageContaining("503 SlowDown")
        .hasMessageContaining("after " + ATTEMPTS + " attempts");
    assertThat(server.requests()).hasSize(ATTEMPTS);
    assertThat(
            meters.counter("kiln.storage.requests", "operation", "put", "outcome", "error").count())
        .isEqualTo(1);
  }

  @Test
  void serverThatNeverAnswersEndsInAStorageException() throws Exception {
    ObjectStore store = storeFor(Step.DROP, Step.DROP, Step.DROP);

    assertThatThrownBy(() -> store.read("k", 100))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no answer from S3 after " + ATTEMPTS + " attempts");
    assertThat(server.requests()).hasSize(ATTEMPTS);
  }

  @Test
  void refusedRequestIsNotRetried() throws Exception {
    ObjectStore store = storeFor(Step.error(403, "AccessDenied"), Step.answer(200, "x"));

    assertThatThrownBy(() -> store.read("k", 100))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("403 AccessDenied");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void missingKeyIsNotRetried() throws Exception {
    ObjectStore store = storeFor(Step.error(404, "NoSuchKey"), Step.answer(200, "x"));

    assertThatThrownBy(() -> store.read("k", 100)).isInstanceOf(ObjectNotFoundException.class);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void missingBucketIsAStorageFailureNotAMissingObject() throws Exception {
    ObjectStore store = storeFor(Step.error(404, "NoSuchBucket"));

    assertThatThrownBy(() -> store.read("k", 100))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("404 NoSuchBucket");
  }

  private ObjectStore storeFor(Step... script) throws Exception {
    server = new ScriptedS3Server(script);
    S3Endpoint endpoint =
        new S3Endpoint(
            server.bucketUrl(),
            "us-east-1",
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")));
    S3Http http = new S3Http(vertx, Duration.ofSeconds(2), Duration.ofSeconds(5), 4);
    return new ObjectStore(
        endpoint,
        http,
        new StorageRetry(ATTEMPTS, Duration.ofMillis(5), Duration.ofMillis(20)),
        new StorageMeters(meters));
  }
}
