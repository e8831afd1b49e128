package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.kiln.client.KilnClient;
import dev.kiln.client.Page;
import dev.kiln.client.errors.FieldError;
import dev.kiln.client.errors.ValidationException;
import dev.kiln.client.jobs.Input;
import dev.kiln.client.jobs.Job;
import dev.kiln.client.jobs.JobEvent;
import dev.kiln.client.jobs.JobQuery;
import dev.kiln.client.jobs.JobRequest;
import dev.kiln.client.jobs.JobStream;
import dev.kiln.client.jobs.Step;
import dev.kiln.client.jobs.StickerRequest;
import dev.kiln.client.media.Media;
import dev.kiln.client.webhooks.WebhookDelivery;
import dev.kiln.client.webhooks.WebhookEndpoint;
import dev.kiln.client.webhooks.WebhookEndpointRequest;
import dev.kiln.client.webhooks.WebhookEvent;
import dev.kiln.client.webhooks.WebhookEvents;
import dev.kiln.model.image.ImageFormat;
import dev.kiln.model.image.ImageInfo;
import dev.kiln.model.image.ImageProbe;
import dev.kiln.webhooks.WebhookVerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Java SDK ({@code kiln-client}) against the packaged services on real infrastructure, as an
 * app uses it: upload, sticker with live progress, download, listings, cancel, re-run, problems, a
 * stream that survives a dropped connection, and webhooks verified on a real receiver.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientIT {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
  private static final Path SAMPLE =
      Path.of(System.getProperty("kiln.root", "..")).resolve("docs/examples/sample.jpg");

  private static KilnStack stack;
  private static KilnClient kiln;
  private static String photoId;

  @BeforeAll
  static void start() throws IOException {
    stack = new KilnStack();
    stack.startApi();
    kiln = KilnClient.builder().baseUrl(stack.api()).apiKey(KilnStack.API_KEY).build();
  }

  @AfterAll
  static void stop() throws IOException {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aQueuedJobIsCancelledAndCancellingAgainAnswersTheSame() throws IOException {
    // No worker yet: the job stays queued until it is cancelled.
    Media photo = kiln.media().upload(SAMPLE);
    photoId = photo.id();
    assertThat(photo.mimeType()).isEqualTo("image/jpeg");
    assertThat(photo.width()).isPositive();

    Job job = kiln.jobs().submit(JobRequest.preset(Input.media(photoId), "thumbnail"));
    assertThat(job.status()).isEqualTo("queued");

    Job cancelled = kiln.jobs().cancel(job.id());
    assertThat(cancelled.status()).isEqualTo("cancelled");
    assertThat(kiln.jobs().cancel(job.id()).status()).isEqualTo("cancelled");
    assertThat(kiln.jobs().waitFor(job.id(), Duration.ofSeconds(5)).status())
        .isEqualTo("cancelled");

    stack.startWorker();
  }

  @Test
  @Order(2)
  void aPhotoBecomesAStickerWithLiveProgressAndIsDownloaded() throws IOException {
    List<String> progress = new ArrayList<>();

    Job job = kiln.jobs().sticker(StickerRequest.of(photoId).withMetadata(Map.of("order", 42)));
    Job done =
        kiln.jobs().stream(job.id())
            .onProgress((percentage, step) -> progress.add(percentage + "% " + step))
            .await(JOB_TIMEOUT);

    assertThat(done.status()).as("%s", done.error()).isEqualTo("completed");
    assertThat(done.preset()).isEqualTo("sticker");
    assertThat(done.metadata().path("order").asInt()).isEqualTo(42);
    assertThat(progress).first().isEqualTo("0% queued");
    assertThat(progress).last().asString().startsWith("100% ");
    assertThat(progress)
        .as("queued, processing, then done at least")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(progress.stream().map(p -> Integer.parseInt(p.substring(0, p.indexOf('%')))))
        .as("never backwards")
        .isSorted();

    Path file = Files.createTempDirectory("kiln-client").resolve("sticker.webp");
    kiln.jobs().download(done, file);
    byte[] webp = Files.readAllBytes(file);
    assertThat(Arrays.copyOfRange(webp, 0, 4)).asString().isEqualTo("RIFF");
    assertThat(Arrays.copyOfRange(webp, 8, 12)).asString().isEqualTo("WEBP");
    assertThat(ImageProbe.probe(webp)).contains(new ImageInfo(ImageFormat.WEBP, 512, 512));
    assertThat((long) webp.length).isEqualTo(done.result().sizeBytes());
    assertThat(kiln.jobs().download(done)).isEqualTo(webp);
  }

  @Test
  @Order(3)
  void listingsFollowTheirCursorsNewestFirst() {
    Instant before = Instant.now().minusSeconds(1);
    String batch = UUID.randomUUID().toString();
    List<String> submitted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      submitted.add(kiln.jobs().submit(tinyResize().withMetadata(Map.of("batch", batch))).id());
    }

    List<Page<Job>> pages = new ArrayList<>();
    kiln.jobs().listAll(JobQuery.ALL.createdAfter(before).withLimit(2)).forEach(pages::add);
    List<String> listed =
        pages.stream()
            .flatMap(page -> page.data().stream())
            .filter(job -> batch.equals(job.metadata().path("batch").asText()))
            .map(Job::id)
            .toList();

    assertThat(listed).containsExactlyElementsOf(submitted.reversed());
    assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
    assertThat(pages.getLast().hasMore()).isFalse();
    assertThat(kiln.jobs().list(JobQuery.ALL.withStatus("cancelled"), null).data())
        .extracting(Job::status)
        .containsOnly("cancelled")
        .isNotEmpty();
    submitted.forEach(id -> kiln.jobs().waitFor(id, JOB_TIMEOUT));
  }

  @Test
  @Order(4)
  void aRerunIsANewJobNamingTheFirst() {
    Job first = kiln.jobs().waitFor(kiln.jobs().submit(tinyResize()).id(), JOB_TIMEOUT);

    Job again = kiln.jobs().rerun(first.id());
    Job done = kiln.jobs().waitFor(again.id(), JOB_TIMEOUT);

    assertThat(again.id()).isNotEqualTo(first.id());
    assertThat(again.rerunOf()).isEqualTo(first.id());
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.result().width()).isEqualTo(first.result().width());
  }

  @Test
  @Order(5)
  void anInvalidPipelineIsAValidationProblemNamingTheField() {
    JobRequest typo =
        JobRequest.pipeline(
            Input.media(photoId), List.of(Step.of("resize").with("widht", 10).with("height", 10)));

    ValidationException e =
        catchThrowableOfType(ValidationException.class, () -> kiln.jobs().submit(typo));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("validation_failed");
    assertThat(e.fieldErrors()).extracting(FieldError::field).contains("pipeline[0].widht");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  @Order(6)
  void aStreamCutInTheMiddleResumesAfterItsLastEventWithNothingLostOrRepeated() throws IOException {
    try (DroppingProxy proxy = DroppingProxy.to(stack.api())) {
      KilnClient viaProxy =
          KilnClient.builder().baseUrl(proxy.url()).apiKey(KilnStack.API_KEY).build();
      Job job = viaProxy.jobs().submit(tinyResize());
      List<JobEvent> received = new ArrayList<>();

      JobStream stream =
          viaProxy.jobs().stream(job.id())
              .onEvent(
                  event -> {
                    received.add(event);
                    if (received.size() == 1) {
                      proxy.cutAll();
                    }
                  });
      Job done = stream.await(JOB_TIMEOUT);

      assertThat(done.status()).isEqualTo("completed");
      assertThat(stream.connections()).isEqualTo(2);
      List<String> whole = new ArrayList<>();
      kiln.jobs().stream(job.id()).onEvent(event -> whole.add(event.id())).await(JOB_TIMEOUT);
      assertThat(received).extracting(JobEvent::id).containsExactlyElementsOf(whole);
      assertThat(received.getFirst().type()).isEqualTo("job.queued");
      assertThat(received.getLast().type()).isEqualTo("job.completed");
    }
  }

  @Test
  @Order(7)
  void webhookDeliveriesAreVerifiedListedRedeliveredAndSignedAcrossARotation() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      WebhookEndpoint endpoint =
          kiln.webhooks()
              .create(
                  WebhookEndpointRequest.of(receiver.url("/hooks").toString())
                      .withDescription("client test"));
      assertThat(endpoint.secret()).startsWith("whsec_");
      assertThat(kiln.webhooks().get(endpoint.id()).secret()).isNull();
      WebhookEvents webhooks = WebhookEvents.forSecret(endpoint.secret());

      WebhookDelivery test = kiln.webhooks().test(endpoint.id());
      WebhookReceiver.Request first = awaitTestDelivery(receiver, 1);
      WebhookEvent event = webhooks.verify(first.headers(), first.body());
      assertThat(event.type()).isEqualTo("webhook.test");
      assertThat(event.id()).isEqualTo(test.eventId());

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> kiln.webhooks().delivery(test.id()).status().equals("succeeded"));
      assertThat(kiln.webhooks().deliveries(endpoint.id(), "succeeded", 10, null).data())
          .extracting(WebhookDelivery::id)
          .contains(test.id());

      kiln.webhooks().redeliver(test.id());
      WebhookReceiver.Request again = awaitTestDelivery(receiver, 2);
      assertThat(webhooks.verify(again.headers(), again.body()).id()).isEqualTo(event.id());
      byte[] tampered =
          new String(again.body()).replace("webhook.test", "job.completed").getBytes();
      assertThat(
              catchThrowableOfType(
                  WebhookVerificationException.class,
                  () -> webhooks.verify(again.headers(), tampered)))
          .isNotNull();

      WebhookEndpoint rotated = kiln.webhooks().rotateSecret(endpoint.id());
      assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(endpoint.secret());
      kiln.webhooks().test(endpoint.id());
      WebhookReceiver.Request signedTwice = awaitTestDelivery(receiver, 3);
      assertThat(
              WebhookEvents.forSecret(rotated.secret())
                  .verify(signedTwice.headers(), signedTwice.body())
                  .type())
          .as("signed with the new secret")
          .isEqualTo("webhook.test");
      assertThat(webhooks.verify(signedTwice.headers(), signedTwice.body()).type())
          .as("and, during the overlap, with the old one")
          .isEqualTo("webhook.test");

      WebhookEndpoint disabled =
          kiln.webhooks().update(endpoint.id(), WebhookEndpointRequest.change().withEnabled(false));
      assertThat(disabled.enabled()).isFalse();
      kiln.webhooks().delete(endpoint.id());
    }
  }

  private static WebhookReceiver.Request awaitTestDelivery(WebhookReceiver receiver, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> testDeliveries(receiver).size() >= count);
    return testDeliveries(receiver).get(count - 1);
  }

  private static List<WebhookReceiver.Request> testDeliveries(WebhookReceiver receiver) {
    return receiver.received().stream().filter(r -> r.type().equals("webhook.test")).toList();
  }

  private static JobRequest tinyResize() {
    return JobRequest.pipeline(
        Input.media(photoId), List.of(Step.resize(32, 24), Step.encode("png")));
  }
}
