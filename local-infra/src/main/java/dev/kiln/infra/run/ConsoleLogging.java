package dev.kiln.infra.run;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Console logging of the local run: JBoss LogManager (the backend of the Quarkus services), one
 * line per record in the services' format. Must run before anything logs.
 */
final class ConsoleLogging {

  private static final String FORMAT = "%d{HH:mm:ss.SSS} %-5p [%c{2.}] %s%e%n";

  private ConsoleLogging() {}

  static void install() {
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    }
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.addHandler(new ConsoleHandler(new PatternFormatter(FORMAT)));
    root.setLevel(Level.INFO);
  }
}
