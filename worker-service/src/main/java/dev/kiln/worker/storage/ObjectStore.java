package dev.kiln.worker.storage;

import dev.kiln.worker.config.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Inputs and results in the bucket. Blocking S3 calls: run on worker threads only. Redelivered jobs
 * write to the same key, so a write simply replaces the object.
 */
@ApplicationScoped
public class ObjectStore {

  private final S3Client s3;
  private final String bucket;

  public ObjectStore(S3Client s3, StorageConfig config) {
    this.s3 = s3;
    this.bucket = config.bucket();
  }

  /**
   * Reads a whole object, refusing one larger than {@code maxBytes} before downloading it.
   *
   * @throws ObjectNotFoundException when there is no such key
   * @throws ObjectTooLargeException when the object is larger than {@code maxBytes}
   */
  public byte[] read(String key, long maxBytes) {
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(request -> request.bucket(bucket).key(key))) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw new ObjectTooLargeException(length, maxBytes);
      }
      byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > maxBytes) {
        in.abort();
        throw new ObjectTooLargeException(bytes.length, maxBytes);
      }
      return bytes;
    } catch (NoSuchKeyException e) {
      throw new ObjectNotFoundException(key);
    } catch (IOException e) {
      throw new UncheckedIOException("reading s3://" + bucket + "/" + key, e);
    }
  }

  public void write(String key, byte[] bytes, String contentType) {
    s3.putObject(
        request -> request.bucket(bucket).key(key).contentType(contentType),
        RequestBody.fromBytes(bytes));
  }

  /** No object under the key. */
  public static final class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String key) {
      super("no object " + key, null, false, false);
    }
  }

  /** The object is larger than the caller accepts. */
  public static final class ObjectTooLargeException extends RuntimeException {

    private final long size;
    private final long limit;

    public ObjectTooLargeException(long size, long limit) {
      super("the object is " + size + " bytes; the limit is " + limit, null, false, false);
      this.size = size;
      this.limit = limit;
    }

    public long size() {
      return size;
    }

    public long limit() {
      return limit;
    }
  }
}
