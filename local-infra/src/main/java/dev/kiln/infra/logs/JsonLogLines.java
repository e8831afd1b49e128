package dev.kiln.infra.logs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * The console's JSON lines of Kiln's loggers while open: a handler on the root logger that formats
 * each record, on the logging thread (so with its MDC), with the formatter of the console handler.
 * For the services' tests, which run with {@code quarkus.log.console.json.enabled=true}; JBoss Log
 * Manager comes with Quarkus, so this module only compiles against it.
 */
public final class JsonLogLines extends ExtHandler implements AutoCloseable {

  private final Formatter console;
  private final Logger root = LogContext.getLogContext().getLogger("");
  private final List<String> lines = new CopyOnWriteArrayList<>();

  public JsonLogLines() {
    this.console = jsonFormatter(root.getHandlers());
    if (console == null) {
      throw new IllegalStateException("the console does not log JSON");
    }
    root.addHandler(this);
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  protected void doPublish(ExtLogRecord record) {
    if (record.getLoggerName() != null && record.getLoggerName().startsWith("dev.kiln")) {
      lines.add(console.format(record));
    }
  }

  @Override
  public void close() {
    root.removeHandler(this);
  }

  private static Formatter jsonFormatter(Handler[] handlers) {
    for (Handler handler : handlers) {
      Formatter formatter = handler.getFormatter();
      if (formatter != null && formatter.getClass().getName().contains("Json")) {
        return formatter;
      }
      if (handler instanceof ExtHandler delegating) {
        Formatter inner = jsonFormatter(delegating.getHandlers());
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }
}
