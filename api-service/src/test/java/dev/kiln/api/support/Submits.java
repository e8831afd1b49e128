package dev.kiln.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Submits of the tests: a small resize job, and many requests fired at once. */
public final class Submits {

  private Submits() {}

  /** A resize job of {@code mediaId} as JSON, at {@code priority} when given. */
  public static String resizeBody(String mediaId, String priority) {
    return """
        {"input": {"media_id": "%s"}, %s
         "pipeline": [{"op": "resize", "width": 8, "height": 8, "fit": "fill"}]}"""
        .formatted(mediaId, priority == null ? "" : "\"priority\": \"" + priority + "\",");
  }

  /** Submits a resize job as {@code request}; answers the response whatever its status. */
  public static Response resize(RequestSpecification request, String mediaId, String priority) {
    return request
        .contentType(ContentType.JSON)
        .body(resizeBody(mediaId, priority))
        .post("/v1/jobs");
  }

  /** Uploads a small PNG as {@code request} and returns its media id. */
  public static String upload(RequestSpecification request) {
    return request
        .contentType("image/png")
        .body(TestImages.png(16, 16))
        .post("/v1/media")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Runs {@code count} requests at once (released together) and answers their responses. */
  public static List<Response> atOnce(int count, Supplier<Response> request) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(
            threads.submit(
                () -> {
                  go.await();
                  return request.get();
                }));
      }
      go.countDown();
      List<Response> responses = new ArrayList<>();
      for (Future<Response> future : futures) {
        responses.add(future.get());
      }
      assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isLessThan(500));
      return responses;
    } finally {
      threads.shutdownNow();
    }
  }
}
