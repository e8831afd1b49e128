package dev.kiln.api.storage;

import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * CPU per pre-signed URL with the application's beans: the SDK's {@link S3Presigner} (what the API
 * used), {@link ObjectUrlSigner}, and {@link ObjectStore#sign} for new objects and for objects
 * shown again. Prints figures (thread CPU time, median of 3 runs of 20,000 after a warm-up),
 * asserts nothing: the machine is shared. Run with {@code ./mvnw -o -pl shared-model,api-service
 * test -Dtest=PresignBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class PresignBenchmark {

  private static final int N = 20_000;
  private static final int RUNS = 3;

  @Inject S3Presigner presigner;
  @Inject ObjectUrlSigner signer;
  @Inject ObjectStore store;

  @Test
  void cpuPerSignedUrl() {
    Instant at = Instant.now();
    report(
        "S3Presigner.presignGetObject",
        i ->
            presigner.presignGetObject(
                r ->
                    r.signatureDuration(signer.expiry())
                        .getObjectRequest(g -> g.bucket("kiln").key(key(i)))));
    report("ObjectUrlSigner.sign", i -> signer.sign(key(i), at));
    report("ObjectStore.sign, new objects", i -> store.sign(key(N + i)));
    report("ObjectStore.sign, 100 shown again", i -> store.sign(key(i % 100)));
  }

  private static String key(int i) {
    return "tenants/ten_01kbz7m3q4r8s9t0v1w2x3y4z5/results/job_01kbz7m3q4r8s9t0v1w2" + i + "/1";
  }

  private static void report(String name, IntConsumer sign) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < N; i++) {
      sign.accept(i); // warm-up
    }
    double[] micros = new double[RUNS];
    for (int run = 0; run < RUNS; run++) {
      int offset = (run + 1) * 2 * N; // new objects stay new in every run
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < N; i++) {
        sign.accept(offset + i);
      }
      micros[run] = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / N;
    }
    double[] sorted = micros.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-34s %7.2f us CPU per URL (median of %d runs of %d: %.2f / %.2f / %.2f)%n",
        name, sorted[RUNS / 2], RUNS, N, micros[0], micros[1], micros[2]);
  }
}
