package dev.kiln.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Apache Kafka broker in this JVM: KRaft in combined mode (broker and controller,
 * node id 1). The storage is formatted once; a restart on the same log directory keeps the topics,
 * records and committed offsets.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String BIND_HOST = "127.0.0.1";

  private final KafkaRaftServer server;
  private final int port;
  private final Path logDir;
  private final boolean temporary;

  private KafkaBroker(KafkaRaftServer server, int port, Path logDir, boolean temporary) {
    this.server = server;
    this.port = port;
    this.logDir = logDir;
    this.temporary = temporary;
  }

  /**
   * Starts the broker and returns once it serves clients.
   *
   * @param port the client port, 0 for a free one
   * @param controllerPort the KRaft controller port, 0 for a free one
   * @param logDir the log directory, formatted on first use and reused afterwards; {@code null} for
   *     a temporary one deleted on {@link #close()}
   */
  public static KafkaBroker start(int port, int controllerPort, Path logDir) throws IOException {
    boolean temporary = logDir == null;
    Path dir = temporary ? Files.createTempDirectory("kiln-kafka-") : logDir.toAbsolutePath();
    Files.createDirectories(dir);
    List<Integer> free = freePorts((port > 0 ? 0 : 1) + (controllerPort > 0 ? 0 : 1));
    int brokerPort = port > 0 ? port : free.removeFirst();
    int quorumPort = controllerPort > 0 ? controllerPort : free.removeFirst();

    KafkaConfig config = new KafkaConfig(settings(brokerPort, quorumPort, dir), false);
    if (!Files.exists(dir.resolve("meta.properties"))) {
      format(config, dir);
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      server.shutdown();
      server.awaitShutdown();
      throw new IOException("Kafka did not start on port " + brokerPort, e);
    }
    return new KafkaBroker(server, brokerPort, dir, temporary);
  }

  /** The client port. */
  public int port() {
    return port;
  }

  /** The {@code bootstrap.servers} value for clients. */
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** Stops the broker and waits for it; a temporary log directory is deleted. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    if (temporary) {
      deleteRecursively(logDir);
    }
  }

  private static Map<String, String> settings(int port, int controllerPort, Path dir) {
    Map<String, String> settings = new HashMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", String.valueOf(NODE_ID));
    settings.put("controller.quorum.voters", NODE_ID + "@" + BIND_HOST + ":" + controllerPort);
    settings.put("controller.listener.names", CONTROLLER_LISTENER);
    settings.put(
        "listeners",
        "PLAINTEXT://%s:%d,%s://%s:%d"
            .formatted(BIND_HOST, port, CONTROLLER_LISTENER, BIND_HOST, controllerPort));
    settings.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    settings.put("inter.broker.listener.name", "PLAINTEXT");
    settings.put("log.dirs", dir.toString());
    // One node: internal topics cannot have more replicas than brokers.
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    settings.put("group.initial.rebalance.delay.ms", "0");
    // Kiln's topics are created explicitly with their partition counts (KafkaTopics).
    settings.put("auto.create.topics.enable", "false");
    // The default 128 MiB compaction buffer is sized for production brokers.
    settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    return settings;
  }

  private static void format(KafkaConfig config, Path dir) throws IOException {
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(List.of(dir.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IOException("Could not format the Kafka storage in " + dir, e);
    }
  }

  /** Free ports, picked together so that they differ from each other. */
  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getByName(BIND_HOST)));
      }
      return new ArrayList<>(sockets.stream().map(ServerSocket::getLocalPort).toList());
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + dir, e);
    }
  }
}
