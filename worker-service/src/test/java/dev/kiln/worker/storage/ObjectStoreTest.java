package dev.kiln.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.infra.KilnTestResource;
import dev.kiln.worker.storage.ObjectStore.ObjectNotFoundException;
import dev.kiln.worker.storage.ObjectStore.ObjectTooLargeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The store's own signed requests against the real S3 server of the test resource, checked through
 * the SDK client (which signs, addresses and parses its own way).
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class ObjectStoreTest {

  @Inject ObjectStore store;
  @Inject S3Client s3;

  @ConfigProperty(name = "kiln.storage.bucket")
  String bucket;

  @Test
  void writtenObjectIsReadBackWithItsContentType() {
    byte[] bytes = randomBytes(70_000);
    String key = "tenants/ten_store/results/job_roundtrip/1";

    store.write(key, bytes, "image/webp");

    assertThat(store.read(key, bytes.length)).isEqualTo(bytes);
    ResponseBytes<GetObjectResponse> stored =
        s3.getObjectAsBytes(request -> request.bucket(bucket).key(key));
    assertThat(stored.asByteArray()).isEqualTo(bytes);
    assertThat(stored.response().contentType()).isEqualTo("image/webp");
  }

  @Test
  void objectPutByTheSdkIsRead() {
    byte[] bytes = randomBytes(200);
    String key = "tenants/ten_store/media/med_sdk";
    s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(bytes));

    assertThat(store.read(key, 1_000)).isEqualTo(bytes);
  }

  @Test
  void keysWithCharactersThatNeedEncodingAreSignedAndStored() {
    byte[] bytes = randomBytes(10);
    String key = "tenants/ten store+x/media/méd_=&;~!*'()";

    store.write(key, bytes, "image/png");

    assertThat(store.read(key, 100)).isEqualTo(bytes);
    assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray())
        .isEqualTo(bytes);
  }

  @Test
  void emptyObjectIsStoredAndRead() {
    String key = "tenants/ten_store/results/job_empty/1";

    store.write(key, new byte[0], "application/octet-stream");

    assertThat(store.read(key, 10)).isEmpty();
  }

  @Test
  void missingKeyIsNotFound() {
    assertThatThrownBy(() -> store.read("tenants/ten_store/media/med_missing", 100))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void objectOverTheLimitIsRefused() {
    String key = "tenants/ten_store/media/med_large";
    store.write(key, randomBytes(5_000), "image/png");

    assertThatThrownBy(() -> store.read(key, 4_999))
        .isInstanceOfSatisfying(
            ObjectTooLargeException.class,
            e -> {
              assertThat(e.size()).isEqualTo(5_000);
              assertThat(e.limit()).isEqualTo(4_999);
            });
    // the refused download left no broken connection behind
    assertThat(store.read(key, 5_000)).hasSize(5_000);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
