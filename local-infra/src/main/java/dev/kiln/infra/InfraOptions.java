package dev.kiln.infra;

import java.nio.file.Path;

/**
 * How to start the {@link LocalInfra}.
 *
 * @param postgresPort PostgreSQL port, 0 for a free one
 * @param kafkaPort Kafka client port, 0 for a free one
 * @param kafkaControllerPort Kafka KRaft controller port, 0 for a free one
 * @param s3Port S3 port, 0 for a free one
 * @param dataDir base directory of the data ({@code postgres}, {@code kafka}, {@code s3} below it),
 *     kept across restarts; {@code null} for temporary data
 * @param durable PostgreSQL with {@code fsync} and synchronous commit (the local run)
 */
public record InfraOptions(
    int postgresPort,
    int kafkaPort,
    int kafkaControllerPort,
    int s3Port,
    Path dataDir,
    boolean durable) {

  /** PostgreSQL port of the local run and of the services' {@code %dev} profile. */
  public static final int LOCAL_POSTGRES_PORT = 15432;

  /** Kafka client port of the local run and of the services' {@code %dev} profile. */
  public static final int LOCAL_KAFKA_PORT = 19092;

  /** Kafka controller port of the local run. */
  public static final int LOCAL_KAFKA_CONTROLLER_PORT = 19093;

  /** S3 port of the local run and of the services' {@code %dev} profile. */
  public static final int LOCAL_S3_PORT = 19000;

  /** Free ports and temporary data: for tests. */
  public static InfraOptions ephemeral() {
    return new InfraOptions(0, 0, 0, 0, null, false);
  }

  /** Free ports and data kept in {@code dataDir}, not durable: for restart tests. */
  public static InfraOptions persistent(Path dataDir) {
    return new InfraOptions(0, 0, 0, 0, dataDir, false);
  }

  /** The fixed ports of the local run, durable data kept in {@code dataDir}. */
  public static InfraOptions localRun(Path dataDir) {
    return new InfraOptions(
        LOCAL_POSTGRES_PORT,
        LOCAL_KAFKA_PORT,
        LOCAL_KAFKA_CONTROLLER_PORT,
        LOCAL_S3_PORT,
        dataDir,
        true);
  }

  Path postgresDir() {
    return below("postgres");
  }

  Path kafkaDir() {
    return below("kafka");
  }

  Path s3Dir() {
    return below("s3");
  }

  private Path below(String name) {
    return dataDir == null ? null : dataDir.resolve(name);
  }
}
