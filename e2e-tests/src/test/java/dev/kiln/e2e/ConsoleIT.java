package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (headless Chromium) against the packaged API and worker: sign
 * in, upload and submit a sticker followed live to its result, a refused value shown at its field,
 * the jobs list, a webhook endpoint with its deliveries and a redelivery, a phone-sized screen,
 * sign out. With {@code -Dkiln.console.screenshots=docs/images} it also saves the screenshots of
 * the documentation there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path ROOT = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath();
  private static final Optional<Path> SCREENSHOTS =
      Optional.ofNullable(System.getProperty("kiln.console.screenshots"))
          .filter(dir -> !dir.isBlank())
          .map(ROOT::resolve);

  private static KilnStack stack;
  private static WebhookReceiver receiver;
  private static ConsoleBrowser tab;
  private static ChromeDriver browser;
  private static WebDriverWait wait;
  private static String stickerJobId;

  @BeforeAll
  static void start() throws IOException {
    Chromium.assumeInstalled();
    stack = new KilnStack();
    stack.startServices(1);
    receiver = WebhookReceiver.start();
    tab = ConsoleBrowser.start(WAIT, SCREENSHOTS);
    browser = tab.driver();
    wait = tab.await();
  }

  @AfterAll
  static void stop() throws IOException {
    if (tab != null) {
      tab.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void theApiLeadsToTheConsoleWhichAsksForAKey() throws IOException {
    browser.get(stack.api().resolve("/").toString());

    assertThat(browser.getCurrentUrl()).isEqualTo(stack.api().resolve("/console/").toString());
    WebElement key = tab.visible(By.name("api_key"));
    assertThat(browser.getTitle()).isEqualTo("Sign in · Kiln");
    assertThat(tab.label(key)).isEqualTo("API key");
    tab.screenshot("console-sign-in");

    key.sendKeys("kiln_sk_not_a_key_of_this_api", Keys.ENTER);
    assertThat(tab.fieldError("api_key")).isEqualTo("This key is not valid (unknown or revoked).");
    assertThat(key.getDomAttribute("aria-invalid")).isEqualTo("true");

    key.clear();
    key.sendKeys(KilnStack.API_KEY, Keys.ENTER);
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Submit a job"));
    assertThat(browser.findElement(By.id("nav")).isDisplayed()).isTrue();
    wait.until(d -> !d.findElement(By.id("account-name")).getText().isBlank());
    assertThat(tab.js("return sessionStorage.getItem('kiln.api-key')"))
        .isEqualTo(KilnStack.API_KEY);
    assertThat(tab.js("return localStorage.length")).isEqualTo(0L);
    assertThat(tab.js("return document.cookie")).isEqualTo("");
  }

  @Test
  @Order(2)
  void anUploadedPhotoBecomesAStickerFollowedLiveToItsResult() throws IOException {
    browser
        .findElement(By.cssSelector("input[type=file]"))
        .sendKeys(ROOT.resolve("docs/examples/sample.jpg").toString());
    WebElement chosen = tab.visible(By.cssSelector("[data-role=chosen-caption]"));
    assertThat(chosen.getText()).contains("1200 × 900 px", "25.5 KB", "med_");
    WebElement sticker = browser.findElement(By.cssSelector("input[type=radio][value=sticker]"));
    assertThat(sticker.isSelected()).as("the sticker preset is the default choice").isTrue();

    tab.button("Submit job").click();

    WebElement progress = tab.visible(By.cssSelector(".job-card progress"));
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .until(d -> "100".equals(progress.getDomProperty("value")));
    assertThat(tab.text(".job-card [data-role=percent]")).isEqualTo("100 %");
    wait.until(ExpectedConditions.textToBe(By.cssSelector(".job-card .badge"), "completed"));
    WebElement result = tab.visible(By.cssSelector("img[data-role=result]"));
    wait.until(d -> Boolean.TRUE.equals(tab.js("return arguments[0].complete", result)));
    assertThat(tab.js("return arguments[0].naturalWidth", result)).isEqualTo(512L);
    assertThat(tab.js("return arguments[0].naturalHeight", result)).isEqualTo(512L);
    assertThat(tab.text("[data-role=result-caption]")).contains("512 × 512 px", "image/webp");
    assertThat(tab.text("[data-role=input-caption]")).contains("1200 × 900 px", "25.5 KB");
    stickerJobId = tab.text(".job-card h3 code");
    assertThat(stickerJobId).startsWith("job_");

    // Live through a stream token in the URL of the job's event stream, never the API key.
    @SuppressWarnings("unchecked")
    List<String> requested =
        (List<String>)
            tab.js("return performance.getEntriesByType('resource').map(entry => entry.name)");
    assertThat(requested)
        .anyMatch(
            url ->
                url.contains("/v1/jobs/" + stickerJobId + "/events?access_token=kst_")
                    && !url.contains(KilnStack.API_KEY));
    tab.screenshot("console-submit");
  }

  @Test
  @Order(3)
  void anImageDroppedOnTheBoxIsUploadedAndARecentOneCanBePickedAgain() {
    WebElement drop = browser.findElement(By.cssSelector("label.drop"));
    browser.executeAsyncScript(
        """
            const [target, done] = arguments;
            const canvas = Object.assign(document.createElement('canvas'), {width: 40, height: 30});
            canvas.getContext('2d').fillRect(0, 0, 40, 30);
            canvas.toBlob(blob => {
              const transfer = new DataTransfer();
              transfer.items.add(new File([blob], 'dropped.png', {type: 'image/png'}));
              target.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true}));
              done();
            }, 'image/png');""",
        drop);
    wait.until(d -> tab.text("[data-role=chosen-caption]").contains("40 × 30 px"));
    wait.until(d -> recentUploads().size() == 2);

    WebElement sample =
        recentUploads().stream()
            .filter(button -> button.getText().contains("1200 × 900 px"))
            .findFirst()
            .orElseThrow();
    sample.click();

    assertThat(tab.text("[data-role=chosen-caption]")).contains("1200 × 900 px", "25.5 KB");
    assertThat(sample.getDomAttribute("aria-pressed")).isEqualTo("true");
  }

  @Test
  @Order(4)
  void valuesTheApiRefusesAreShownAtTheirFieldsWithTheKeyboardAlone() {
    WebElement sticker = browser.findElement(By.cssSelector("input[type=radio][value=sticker]"));
    sticker.sendKeys(Keys.ARROW_RIGHT); // the next choice: a pipeline of one's own
    assertThat(browser.findElement(By.cssSelector("input[type=radio][value='']")).isSelected())
        .isTrue();
    tab.button("Add step").sendKeys(Keys.ENTER); // a resize before the final encode, left empty
    assertThat(browser.switchTo().activeElement())
        .as("the new step's operation has the focus")
        .isEqualTo(browser.findElement(By.cssSelector("[data-field='pipeline[1]'] select")));
    WebElement width =
        browser.findElement(By.cssSelector("[data-field='pipeline[0].width'] input"));
    width.clear();
    width.sendKeys("0", Keys.ENTER);

    assertThat(tab.fieldError("pipeline[0].width")).isEqualTo("must be between 1 and 16384");
    assertThat(tab.fieldError("pipeline[1].width")).isEqualTo("width or height is required");
    assertThat(width.getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.switchTo().activeElement())
        .as("the first field at fault has the focus")
        .isEqualTo(width);
  }

  @Test
  @Order(5)
  void theJobsListFiltersByStatusAndPresetAPageAtATime() throws IOException {
    KilnClient api = new KilnClient(stack.api(), KilnStack.API_KEY);
    String media = TestJobs.upload(api, TestJobs.png(64, 48));
    String failing =
        submit(
            api,
            media,
            "\"pipeline\": [{\"op\": \"crop\", \"x\": 100, \"width\": 8, \"height\": 8}]");
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      others.add(
          submit(
              api,
              media,
              i % 6 == 0
                  ? "\"preset\": \"thumbnail\""
                  : "\"pipeline\": [{\"op\": \"resize\", \"width\": 32}]"));
    }
    TestJobs.awaitAllCompleted(api, others, WAIT);
    await("the crop outside the image failed")
        .atMost(WAIT)
        .until(() -> api.job(failing).body().path("status").asText(), "failed"::equals);

    browser.findElement(By.linkText("Jobs")).click();
    wait.until(d -> rows().size() == 20);
    assertThat(tab.button("← Newer").isEnabled()).isFalse();
    tab.button("Older →").click();
    wait.until(d -> rows().size() == 1);
    assertThat(rowJob(rows().getFirst())).isEqualTo(stickerJobId);
    tab.button("← Newer").click();
    wait.until(d -> rows().size() == 20);
    tab.screenshot("console-jobs");

    new Select(browser.findElement(By.name("preset"))).selectByValue("sticker");
    wait.until(d -> rows().size() == 1 && stickerJobId.equals(rowJob(rows().getFirst())));
    assertThat(rows().getFirst().getText()).contains("completed", "sticker", "512 × 512 px");
    new Select(browser.findElement(By.name("preset"))).selectByValue("");
    new Select(browser.findElement(By.name("status"))).selectByValue("failed");
    wait.until(d -> rows().size() == 1 && failing.equals(rowJob(rows().getFirst())));
    assertThat(rows().getFirst().getText()).contains("failed", "crop_outside_image");
    new Select(browser.findElement(By.name("preset"))).selectByValue("avatar");
    wait.until(ExpectedConditions.textToBe(By.cssSelector("table.jobs tbody"), "No jobs match."));
  }

  /** Submits a job of {@code media} with the given members (a preset or a pipeline). */
  private static String submit(KilnClient api, String media, String members) {
    KilnClient.Reply reply =
        api.submit("{\"input\": {\"media_id\": \"%s\"}, %s}".formatted(media, members));
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(202);
    return reply.body().path("id").asText();
  }

  @Test
  @Order(6)
  void aWebhookEndpointShowsItsDeliveriesAndRedeliversOne() throws IOException {
    browser.findElement(By.linkText("Webhooks")).click();
    WebElement url = tab.visible(By.name("url"));
    url.sendKeys("ftp://127.0.0.1/hooks");
    tab.button("Add endpoint").click();
    assertThat(tab.fieldError("url")).isNotBlank();
    assertThat(url.getDomAttribute("aria-invalid")).isEqualTo("true");

    String target = receiver.url("/console-hooks").toString();
    url.clear();
    url.sendKeys(target);
    tab.button("Add endpoint").click();
    WebElement secret = tab.visible(By.cssSelector("input.secret"));
    assertThat(secret.getDomProperty("value")).startsWith("whsec_");
    WebElement endpoint =
        wait.until(d -> d.findElement(By.cssSelector("article.endpoint[data-endpoint-id]")));
    assertThat(endpoint.findElement(By.tagName("h3")).getText()).isEqualTo(target);

    endpoint
        .findElement(By.cssSelector("[aria-label='Send test event to " + target + "']"))
        .click();
    // The log reloads every second for a while after a test event or a redelivery: read it whole.
    wait.until(d -> delivery(endpoint).contains("1 attempt"));
    assertThat(delivery(endpoint)).contains("succeeded", "webhook.test");
    assertThat(receiver.count()).isEqualTo(1);

    tab.clickIn(endpoint, By.cssSelector("[data-role=redeliver]"));
    wait.until(d -> delivery(endpoint).contains("2 attempts"));
    assertThat(receiver.received())
        .extracting(WebhookReceiver.Request::webhookId)
        .hasSize(2)
        .containsOnly(receiver.received().getFirst().webhookId());
    tab.clickIn(endpoint, By.cssSelector("li.delivery summary"));
    wait.until(d -> attemptRows(endpoint).size() == 2);
    assertThat(attemptRows(endpoint)).allSatisfy(row -> assertThat(row).contains("200"));
    tab.screenshot("console-webhooks");
  }

  @Test
  @Order(7)
  void onAPhoneEveryPageFitsTheScreenWidth() throws IOException {
    tab.resize(Viewport.PHONE);
    try {
      for (String page : List.of("#/submit", "#/jobs", "#/webhooks", "#/jobs/" + stickerJobId)) {
        browser.get(stack.api().resolve("/console/" + page).toString());
        wait.until(d -> !d.findElements(By.cssSelector("main h1")).isEmpty());
        assertThat(tab.js("return window.innerWidth")).isEqualTo(390L);
        assertThat(tab.js("return document.documentElement.scrollWidth <= window.innerWidth"))
            .as("no sideways scrolling on %s", page)
            .isEqualTo(true);
      }
      WebElement result = tab.visible(By.cssSelector("img[data-role=result]"));
      wait.until(d -> Boolean.TRUE.equals(tab.js("return arguments[0].naturalWidth > 0", result)));
      tab.screenshot("console-phone");
    } finally {
      tab.resize(Viewport.DESKTOP);
    }
  }

  @Test
  @Order(8)
  void signingOutForgetsTheKey() {
    tab.button("Sign out").click();

    tab.visible(By.name("api_key"));
    assertThat(tab.js("return sessionStorage.getItem('kiln.api-key')")).isNull();
    browser.get(stack.api().resolve("/console/#/jobs").toString());
    tab.visible(By.name("api_key"));
    assertThat(tab.errors()).as("script errors and refused resources").isEmpty();
  }

  private static List<WebElement> recentUploads() {
    return browser.findElements(By.cssSelector("ul.recent button"));
  }

  private static List<WebElement> rows() {
    return browser.findElements(By.cssSelector("table.jobs tbody tr[data-job-id]"));
  }

  private static String rowJob(WebElement row) {
    return row.getDomAttribute("data-job-id");
  }

  /** The text of the endpoint's newest delivery, read in one step. */
  private static String delivery(WebElement endpoint) {
    return (String)
        tab.js("return arguments[0].querySelector('li.delivery')?.innerText ?? ''", endpoint);
  }

  /** The rows of the attempts table of the endpoint's newest delivery, read in one step. */
  @SuppressWarnings("unchecked")
  private static List<String> attemptRows(WebElement endpoint) {
    return (List<String>)
        tab.js(
            "return [...arguments[0].querySelectorAll('li.delivery table.attempts tbody tr')]"
                + ".map(row => row.innerText)",
            endpoint);
  }
}
