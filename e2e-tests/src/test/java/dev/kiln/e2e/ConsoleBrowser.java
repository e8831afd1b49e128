package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium tab with its own profile, and the reading a test of a web page needs: waits
 * for what appears, controls by their visible text, field errors, the browser's log, and whole-page
 * screenshots into a directory when one is given.
 */
final class ConsoleBrowser implements AutoCloseable {

  private final Path profile;
  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private final Optional<Path> screenshots;
  private Viewport viewport = Viewport.DESKTOP;

  private ConsoleBrowser(Path profile, Duration timeout, Optional<Path> screenshots) {
    this.profile = profile;
    this.driver = Chromium.start(profile);
    this.screenshots = screenshots;
    viewport.apply(driver);
    wait = new WebDriverWait(driver, timeout);
    wait.ignoring(StaleElementReferenceException.class); // a list drawn anew between two steps
  }

  /** Starts the browser; waits last {@code timeout}; screenshots go to the directory, if any. */
  static ConsoleBrowser start(Duration timeout, Optional<Path> screenshots) throws IOException {
    return new ConsoleBrowser(
        Files.createTempDirectory("kiln-console-browser"), timeout, screenshots);
  }

  ChromeDriver driver() {
    return driver;
  }

  WebDriverWait await() {
    return wait;
  }

  /** Makes the page area this size, until the next call. */
  void resize(Viewport size) {
    viewport = size;
    viewport.apply(driver);
  }

  /** The element, once it is shown. */
  WebElement visible(By locator) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** The button whose text is this. */
  WebElement button(String text) {
    return driver.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  /** The text of the label of a form control. */
  String label(WebElement control) {
    return driver
        .findElement(By.cssSelector("label[for='" + control.getDomAttribute("id") + "']"))
        .getText();
  }

  /** The error shown beside the control of {@code field}, once it is there. */
  String fieldError(String field) {
    return visible(By.cssSelector("[data-field='" + field + "'] .field-error")).getText();
  }

  /** Clicks an element of a part of the page that may be drawn anew meanwhile. */
  void clickIn(WebElement container, By locator) {
    wait.until(
        d -> {
          container.findElement(locator).click();
          return true;
        });
  }

  Object js(String script, Object... arguments) {
    return driver.executeScript(script, arguments);
  }

  /**
   * What the browser's console reported as broken since the last call: script errors and resources
   * refused by the Content-Security-Policy. Answers with an error status (a refused key, a 422) are
   * expected and left out.
   */
  List<String> errors() {
    js("console.error('console-browser-probe')");
    List<String> messages =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .toList();
    assertThat(messages)
        .as("the browser's log is read")
        .anyMatch(m -> m.contains("console-browser-probe"));
    return messages.stream()
        .filter(message -> !message.contains("console-browser-probe"))
        .filter(message -> !message.contains("the server responded with a status of"))
        .toList();
  }

  /** Saves the whole page as {@code name}.png when screenshots were asked for. */
  void screenshot(String name) throws IOException {
    if (screenshots.isPresent()) {
      viewport.capture(driver, screenshots.get().resolve(name + ".png"));
    }
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
