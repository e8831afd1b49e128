package dev.kiln.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible server (S3Proxy) with static credentials and the bucket {@code kiln}. Clients
 * use path-style access. Objects live in a directory (kept across restarts) or in memory.
 */
public final class S3Server implements AutoCloseable {

  /** The bucket Kiln stores media and results in. */
  public static final String BUCKET = "kiln";

  /** Region the clients sign for (S3Proxy accepts any). */
  public static final String REGION = "us-east-1";

  /** Access key id of the static credentials. */
  public static final String ACCESS_KEY = "kiln";

  /** Secret access key of the static credentials. */
  public static final String SECRET_KEY = "kiln-secret-key";

  private static final String BIND_HOST = "127.0.0.1";

  private final S3Proxy proxy;
  private final BlobStore store;

  private S3Server(S3Proxy proxy, BlobStore store) {
    this.proxy = proxy;
    this.store = store;
  }

  /**
   * Starts the server and creates the bucket {@code kiln} if it is missing.
   *
   * @param port the port, 0 for a free one
   * @param dataDir the directory holding the buckets, kept across restarts; {@code null} for an
   *     in-memory store
   */
  public static S3Server start(int port, Path dataDir) throws IOException {
    BlobStore store =
        dataDir == null
            ? new TransientNio2BlobStore()
            : new FilesystemNio2BlobStore(Files.createDirectories(dataDir).toString());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://" + BIND_HOST + ":" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      throw new IOException("S3Proxy did not start on port " + port, e);
    }
    if (!store.containerExists(BUCKET)) {
      store.createContainer(BUCKET);
    }
    return new S3Server(proxy, store);
  }

  /** The port the server listens on. */
  public int port() {
    return proxy.getPort();
  }

  /** The endpoint URL for S3 clients (path-style). */
  public URI endpoint() {
    return URI.create("http://localhost:" + port());
  }

  /** Stops the server. */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop cleanly", e);
    } finally {
      store.close();
    }
  }
}
