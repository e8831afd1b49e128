package dev.kiln.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kiln.client.errors.FieldError;
import dev.kiln.client.errors.KilnConnectionException;
import dev.kiln.client.errors.KilnProblemException;
import dev.kiln.client.errors.NotFoundException;
import dev.kiln.client.errors.RateLimitedException;
import dev.kiln.client.errors.ValidationException;
import dev.kiln.client.jobs.Input;
import dev.kiln.client.jobs.JobRequest;
import dev.kiln.client.jobs.Step;
import dev.kiln.client.webhooks.WebhookEndpointRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  private static final JobRequest JOB =
      JobRequest.pipeline(Input.media("med_1"), List.of(Step.of("resize").with("widht", 10)));

  @Test
  void aValidationProblemIsTypedWithItsFieldErrors() throws Exception {
    try (TestServer server = new TestServer()) {
      server.thenProblem(422, Fixtures.validationProblem(), Map.of());

      ValidationException e =
          catchThrowableOfType(ValidationException.class, () -> server.client().jobs().submit(JOB));

      assertThat(e.status()).isEqualTo(422);
      assertThat(e.code()).isEqualTo("validation_failed");
      assertThat(e.title()).isEqualTo("The request is not valid");
      assertThat(e.fieldErrors())
          .containsExactly(new FieldError("pipeline[0].widht", "unknown field 'widht'"));
      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage()).contains("pipeline[0].widht: unknown field 'widht'");
      assertThat(e.problem().extensions()).isEmpty();
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void notFoundAndUnknownMembersOfAProblem() throws Exception {
    try (TestServer server = new TestServer()) {
      server.thenProblem(
          404,
          "{\"status\": 404, \"code\": \"not_found\", \"detail\": \"No job job_x\", \"extra\": 7}",
          Map.of());

      NotFoundException e =
          catchThrowableOfType(NotFoundException.class, () -> server.client().jobs().get("job_x"));

      assertThat(e.detail()).isEqualTo("No job job_x");
      assertThat(e.problem().extensions()).containsEntry("extra", 7);
      assertThat(server.received().get(0).uri()).isEqualTo("/v1/jobs/job_x");
    }
  }

  @Test
  void anAnswerWithoutAProblemDocumentStillHasItsStatus() throws Exception {
    try (TestServer server = new TestServer()) {
      server.then(ex -> TestServer.write(ex, 502, "text/html", "<h1>Bad gateway</h1>", Map.of()));

      KilnProblemException e =
          catchThrowableOfType(
              KilnProblemException.class, () -> server.client().jobs().get("job_1"));

      assertThat(e.status()).isEqualTo(502);
      assertThat(e.code()).isEqualTo("http_502");
      assertThat(e.retryable()).isTrue();
    }
  }

  @Test
  void a503IsTriedAgainWithTheSameIdempotencyKeyAfterRetryAfter() throws Exception {
    try (TestServer server = new TestServer()) {
      String unavailable = "{\"status\": 503, \"code\": \"service_unavailable\"}";
      server
          .thenProblem(503, unavailable, Map.of("Retry-After", "1"))
          .thenProblem(503, unavailable, Map.of("Retry-After", "0"))
          .thenJson(202, Fixtures.job("job_1", "queued", 0, "queued"));

      long start = System.nanoTime();
      assertThat(server.client().jobs().submit(JOB).id()).isEqualTo("job_1");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
      List<TestServer.Received> requests = server.received();
      assertThat(requests).hasSize(3);
      String key = requests.get(0).header("Idempotency-Key");
      assertThat(key).isNotBlank();
      assertThat(requests).allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo(key));
    }
  }

  @Test
  void aRetryAfterLongerThanTheBoundEndsTheRetriesAtOnce() throws Exception {
    try (TestServer server = new TestServer()) {
      server.thenProblem(
          429, "{\"status\": 429, \"code\": \"rate_limited\"}", Map.of("Retry-After", "120"));

      RateLimitedException e =
          catchThrowableOfType(
              RateLimitedException.class, () -> server.client().jobs().get("job_1"));

      assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void retriesAreBounded() throws Exception {
    try (TestServer server = new TestServer()) {
      for (int i = 0; i < 4; i++) {
        server.thenProblem(429, "{\"status\": 429, \"code\": \"rate_limited\"}", Map.of());
      }

      catchThrowableOfType(RateLimitedException.class, () -> server.client().jobs().get("job_1"));

      assertThat(server.received()).hasSize(4);
    }
  }

  @Test
  void aDroppedConnectionIsTriedAgainOnlyForCallsSafeToRepeat() throws Exception {
    try (TestServer server = new TestServer()) {
      server.thenDrop().thenJson(200, Fixtures.job("job_1", "queued", 0, "queued"));
      assertThat(server.client().jobs().get("job_1").status()).isEqualTo("queued");
      assertThat(server.received()).hasSize(2);

      server.thenDrop().thenJson(201, "{}");
      catchThrowableOfType(
          KilnConnectionException.class,
          () -> server.client().webhooks().create(WebhookEndpointRequest.of("http://x")));
      assertThat(server.received()).hasSize(3);
    }
  }
}
