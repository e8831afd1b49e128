package dev.kiln.infra.run;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for a packaged Quarkus service in {@link ServiceProcessTest}: answers {@code
 * /q/health/ready} on {@code quarkus.http.port}, or exits at once with {@code fake.exit-code}, and
 * writes {@code fake.stopped-file} when it shuts down gracefully.
 */
public final class FakeQuarkusApp {

  private FakeQuarkusApp() {}

  public static void main(String[] args) throws IOException {
    String exitCode = System.getProperty("fake.exit-code");
    if (exitCode != null) {
      System.exit(Integer.parseInt(exitCode));
    }
    Path stoppedFile = Path.of(System.getProperty("fake.stopped-file"));
    int port = Integer.getInteger("quarkus.http.port");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/q/health/ready",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    System.out.println("listening on " + port);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(0);
                  try {
                    Files.writeString(stoppedFile, "stopped");
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                }));
  }
}
