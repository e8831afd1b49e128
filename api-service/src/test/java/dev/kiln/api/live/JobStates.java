package dev.kiln.api.live;

import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;

/** Waits for a job to reach a status, as a client polling it would. */
final class JobStates {

  private JobStates() {}

  static void await(RequestSpecification as, String jobId, String status)
      throws InterruptedException {
    await(() -> as, jobId, status);
  }

  static void await(Supplier<RequestSpecification> as, String jobId, String status)
      throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    String seen = null;
    while (System.nanoTime() < deadline) {
      seen = as.get().get("/v1/jobs/" + jobId).then().extract().path("status");
      if (status.equals(seen)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + jobId + " is " + seen + ", not " + status + " after 30 s");
  }
}
