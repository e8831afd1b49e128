package dev.kiln.worker.storage;

import dev.kiln.infra.S3Server;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy in a JVM of its own, so that a benchmark's process CPU is the client's alone. {@link
 * #start()} launches it on a free port; {@link #main} is the child: it prints its port and runs
 * until its standard input closes.
 */
final class S3ProxyProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private S3ProxyProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static S3ProxyProcess start() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), S3ProxyProcess.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("port=")) {
        return new S3ProxyProcess(process, Integer.parseInt(line.substring("port=".length())));
      }
    }
    process.destroyForcibly();
    throw new IOException("S3Proxy did not start");
  }

  String endpoint() {
    return "http://localhost:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public static void main(String[] args) throws Exception {
    try (S3Server server = S3Server.start(0, null)) {
      System.out.println("port=" + server.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the parent closes the pipe or ends the process
      }
    }
  }
}
