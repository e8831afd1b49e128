package dev.kiln.worker.storage;

import com.sun.management.OperatingSystemMXBean;
import dev.kiln.infra.S3Server;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Client-side CPU per S3 call, PUT and GET of a small object (the e2e benchmark's tiny jobs),
 * against S3Proxy in a JVM of its own so that this process's CPU time is the client's alone: the
 * SDK's sync client as the worker configured it before (url-connection), the store's signed
 * requests over Vert.x, and the same signed requests over the JDK HttpClient. Also the cost of
 * signing alone, with the payload hash, for a small and a large body. Not a test: run it on purpose
 * with {@code ./mvnw -B -pl shared-model,worker-service test -Dtest=StorageBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} and read the printed table.
 */
class StorageBenchmark {

  private static final int CALLS = 5_000; // of each, PUT and GET
  private static final int WARMUP = 3_000; // of each, before the first run: the JIT settles
  private static final int RUNS = 3;
  private static final int OBJECT_BYTES = 200;
  private static final String BUCKET = S3Server.BUCKET;

  private final OperatingSystemMXBean os =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

  @Test
  void printCpuPerCall() throws Exception {
    byte[] object = new byte[OBJECT_BYTES];
    new Random(1).nextBytes(object);
    Vertx vertx = Vertx.vertx();
    HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (S3ProxyProcess proxy = S3ProxyProcess.start();
        S3Client sdk = sdkClient(proxy.endpoint())) {
      S3Endpoint endpoint = S3Endpoint.of(sdk, BUCKET);
      ObjectStore store =
          new ObjectStore(
              endpoint,
              new S3Http(vertx, Duration.ofSeconds(2), Duration.ofSeconds(30), 8),
              new StorageRetry(4, Duration.ofMillis(50), Duration.ofSeconds(1)),
              new StorageMeters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
      SignedRequests signed = new SignedRequests(endpoint);
      Map<String, Call> variants =
          Map.of(
              "AWS SDK sync client (url-connection)",
              key -> {
                sdk.putObject(
                    r -> r.bucket(BUCKET).key(key).contentType("image/png"),
                    RequestBody.fromBytes(object));
                sdk.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
              },
              "SigV4 signer + Vert.x HttpClient (ObjectStore)",
              key -> {
                store.write(key, object, "image/png");
                store.read(key, 1 << 20);
              },
              "SigV4 signer + JDK HttpClient",
              key -> {
                send(jdk, signed.put(key, object, "image/png"));
                send(jdk, signed.get(key));
              });
      List<String> order =
          List.of(
              "AWS SDK sync client (url-connection)",
              "SigV4 signer + Vert.x HttpClient (ObjectStore)",
              "SigV4 signer + JDK HttpClient");
      for (String name : order) {
        repeat(variants.get(name), name, WARMUP);
      }
      double[][] results = new double[order.size()][RUNS];
      for (int run = 0; run < RUNS; run++) {
        for (int v = 0; v < order.size(); v++) {
          results[v][run] = cpuMillisPerCall(variants.get(order.get(v)), order.get(v));
        }
      }
      System.out.printf(
          "%n%-50s %s%n",
          "client (PUT + GET of " + OBJECT_BYTES + " B)",
          "CPU ms per call, median of " + RUNS + " (runs)");
      for (int v = 0; v < order.size(); v++) {
        System.out.printf(
            "%-50s %.3f (%s)%n",
            order.get(v),
            median(results[v]),
            Arrays.stream(results[v])
                .mapToObj(ms -> String.format("%.3f", ms))
                .collect(Collectors.joining(", ")));
      }
      printSigning(signed);
      store.close();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private double cpuMillisPerCall(Call call, String name) throws Exception {
    long cpu = os.getProcessCpuTime();
    repeat(call, name, CALLS);
    return (os.getProcessCpuTime() - cpu) / 1e6 / (2.0 * CALLS);
  }

  private static void repeat(Call call, String name, int times) throws Exception {
    String prefix = "bench/" + Integer.toHexString(name.hashCode()) + "/";
    for (int i = 0; i < times; i++) {
      call.run(prefix + (i % 100));
    }
  }

  private void printSigning(SignedRequests signed) {
    for (int size : new int[] {OBJECT_BYTES, 100 * 1024, 1024 * 1024}) {
      byte[] body = new byte[size];
      for (int i = 0; i < 200; i++) {
        signed.put("k", body, "image/png");
      }
      int n = size > 100_000 ? 300 : 5_000;
      long cpu = os.getProcessCpuTime();
      for (int i = 0; i < n; i++) {
        signed.put("k", body, "image/png");
      }
      System.out.printf(
          "signing a PUT of %,d B (SHA-256 of the body included): %.3f CPU ms%n",
          size, (os.getProcessCpuTime() - cpu) / 1e6 / n);
    }
  }

  private static void send(HttpClient jdk, S3Request request) throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> builder.header(name, value));
              }
            });
    HttpResponse<byte[]> response =
        jdk.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(request.method() + " answered " + response.statusCode());
    }
  }

  private static S3Client sdkClient(String endpoint) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(S3Server.REGION))
        .endpointOverride(URI.create(endpoint))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
        .build();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  @FunctionalInterface
  private interface Call {
    void run(String key) throws Exception;
  }
}
