package dev.kiln.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The facts a report's header gives: machine, JVM and the versions of Kiln and its servers. */
public final class MachineInfo {

  private MachineInfo() {}

  /** Two lines: the machine and JVM, then Kiln and the servers of the local run. */
  public static String header(String kilnJvm) {
    Properties versions = versions();
    String machine =
        "machine: %d cores (%s), %s MiB RAM, %s %s; bench JVM %s %s"
            .formatted(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                memoryMib(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.vendor"),
                Runtime.version());
    String kiln =
        "Kiln %s (%s); services on %s; Quarkus %s, Kafka %s (acks=all), PostgreSQL %s (fsync on), S3Proxy %s"
            .formatted(
                versions.getProperty("kiln.version", "?"),
                gitCommit(),
                kilnJvm,
                versions.getProperty("quarkus.version", "?"),
                versions.getProperty("kafka.version", "?"),
                versions.getProperty("postgres.version", "?"),
                versions.getProperty("s3proxy.version", "?"));
    return machine + "\n" + kiln + "\n";
  }

  private static Properties versions() {
    Properties properties = new Properties();
    try (InputStream in = MachineInfo.class.getResourceAsStream("/bench.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // unknown versions print as '?'
    }
    return properties;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static String memoryMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return String.valueOf(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return "?";
  }

  /** The short commit of the working tree, with {@code +changes} when it has uncommitted edits. */
  private static String gitCommit() {
    String commit = run("git", "rev-parse", "--short", "HEAD");
    if (commit.isEmpty()) {
      return "commit unknown";
    }
    return run("git", "status", "--porcelain", "--untracked-files=no").isEmpty()
        ? "commit " + commit
        : "commit " + commit + " +changes";
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes()).trim();
      return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
