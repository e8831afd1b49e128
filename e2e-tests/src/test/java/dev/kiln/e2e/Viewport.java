package dev.kiln.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page area of a browser tab, set exactly through the DevTools protocol: a window's size also
 * holds what the browser draws around the page, and a headless window may not grow past its screen.
 * A screenshot of a whole page makes the viewport as tall as the page for a moment.
 */
record Viewport(int width, int height, boolean mobile) {

  static final Viewport DESKTOP = new Viewport(1280, 900, false);
  static final Viewport PHONE = new Viewport(390, 844, true);

  /** The tallest screenshot taken. */
  private static final int MAX_HEIGHT = 2400;

  /** Makes this the page area of the browser's tab. */
  void apply(ChromeDriver browser) {
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** Saves the whole page, from its top, as a PNG; then this viewport is back. */
  void capture(ChromeDriver browser, Path file) throws IOException {
    try {
      int pageHeight = height;
      for (int round = 0; round < 3; round++) { // a taller viewport may lay the page out anew
        long measured =
            (Long) browser.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        if (measured == pageHeight) {
          break;
        }
        pageHeight = (int) Math.min(MAX_HEIGHT, Math.max(height, measured));
        new Viewport(width, pageHeight, mobile).apply(browser);
      }
      browser.executeScript("window.scrollTo(0, 0)");
      Files.createDirectories(file.getParent());
      Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    } finally {
      apply(browser);
    }
  }
}
