package dev.kiln.client;

import dev.kiln.client.http.RetryPolicy;
import dev.kiln.client.http.Transport;
import dev.kiln.client.jobs.JobsApi;
import dev.kiln.client.media.MediaApi;
import dev.kiln.client.webhooks.WebhooksApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Kiln's Java client: one per Kiln and API key, shared by every thread.
 *
 * <pre>{@code
 * KilnClient kiln = KilnClient.builder()
 *     .baseUrl("http://localhost:8080")
 *     .apiKey(System.getenv("KILN_API_KEY"))
 *     .build();
 * Media photo = kiln.media().upload(Path.of("photo.jpg"));
 * Job job = kiln.jobs().sticker(StickerRequest.of(photo.id()));
 * Job done = kiln.jobs().stream(job.id()).onProgress((pct, step) -> ...).await();
 * kiln.jobs().download(done, Path.of("sticker.webp"));
 * }</pre>
 *
 * <p>Errors are {@link dev.kiln.client.errors.KilnException}s: a problem answered by Kiln is a
 * {@link dev.kiln.client.errors.KilnProblemException} (typed for 404, 422, 429, 401/403). Answers
 * 429 and 503 are tried again as {@code Retry-After} asks, and calls that are safe to repeat
 * (reads, submits with their {@code Idempotency-Key}) after a connection failure, as the {@link
 * RetryPolicy} allows.
 */
public final class KilnClient {

  /** The version sent in {@code User-Agent}. */
  public static final String VERSION = "0.1.0";

  private final Transport transport;
  private final MediaApi media;
  private final JobsApi jobs;
  private final WebhooksApi webhooks;

  private KilnClient(Transport transport) {
    this.transport = transport;
    this.media = new MediaApi(transport);
    this.jobs = new JobsApi(transport);
    this.webhooks = new WebhooksApi(transport);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Uploads and downloads of images. */
  public MediaApi media() {
    return media;
  }

  /** Jobs and stickers: submit, read, list, cancel, re-run, wait, stream, download. */
  public JobsApi jobs() {
    return jobs;
  }

  /** Webhook endpoints and their deliveries. */
  public WebhooksApi webhooks() {
    return webhooks;
  }

  /** The API's base URL. */
  public URI baseUrl() {
    return transport.base();
  }

  /** Configures a {@link KilnClient}. */
  public static final class Builder {

    private URI baseUrl;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private RetryPolicy retries = RetryPolicy.DEFAULT;
    private HttpClient httpClient;
    private String userAgent = "kiln-java/" + VERSION;

    private Builder() {}

    /** The API's base URL, such as {@code http://localhost:8080} (required). */
    public Builder baseUrl(String baseUrl) {
      return baseUrl(URI.create(baseUrl));
    }

    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The account's API key, {@code kiln_sk_...} (required). */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** How long a connection may take to open (10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** How long a call may take to answer, uploads included (60 s); streams are not bound by it. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** When calls are tried again ({@link RetryPolicy#DEFAULT}; {@link RetryPolicy#NONE}). */
    public Builder retries(RetryPolicy retries) {
      this.retries = Objects.requireNonNull(retries);
      return this;
    }

    /** An HTTP client of one's own (proxy, TLS, executor); the connect timeout is then its own. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** Put before the client's own {@code User-Agent}, such as {@code my-app/1.2}. */
    public Builder userAgent(String product) {
      this.userAgent = product + " kiln-java/" + VERSION;
      return this;
    }

    public KilnClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl is required, such as http://localhost:8080");
      }
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalStateException("apiKey is required: the account's kiln_sk_... key");
      }
      HttpClient http =
          httpClient != null
              ? httpClient
              : HttpClient.newBuilder()
                  .connectTimeout(connectTimeout)
                  .followRedirects(HttpClient.Redirect.NORMAL)
                  .build();
      return new KilnClient(
          new Transport(baseUrl, apiKey.strip(), http, requestTimeout, retries, userAgent));
    }
  }
}
