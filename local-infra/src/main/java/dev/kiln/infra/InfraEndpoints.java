package dev.kiln.infra;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the running infrastructure listens and how to log in.
 *
 * @param postgresPort PostgreSQL port on localhost
 * @param database database name
 * @param username database role
 * @param password password of the role
 * @param kafkaBootstrapServers Kafka {@code bootstrap.servers}
 * @param s3Endpoint S3 endpoint URL (path-style access)
 * @param s3Region region the S3 clients sign for
 * @param bucket the bucket Kiln uses
 * @param s3AccessKey access key id
 * @param s3SecretKey secret access key
 */
public record InfraEndpoints(
    int postgresPort,
    String database,
    String username,
    String password,
    String kafkaBootstrapServers,
    URI s3Endpoint,
    String s3Region,
    String bucket,
    String s3AccessKey,
    String s3SecretKey) {

  /** JDBC URL of the database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
  }

  /** Vert.x reactive client URL of the database. */
  public String reactiveUrl() {
    return "postgresql://localhost:" + postgresPort + "/" + database;
  }

  /** The configuration the Kiln services need to use this infrastructure, in a stable order. */
  public Map<String, String> quarkusConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("quarkus.datasource.reactive.url", reactiveUrl());
    config.put("quarkus.datasource.jdbc.url", jdbcUrl());
    config.put("quarkus.datasource.username", username);
    config.put("quarkus.datasource.password", password);
    config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
    config.put("quarkus.s3.endpoint-override", s3Endpoint.toString());
    config.put("quarkus.s3.aws.region", s3Region);
    config.put("quarkus.s3.aws.credentials.type", "static");
    config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", s3AccessKey);
    config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", s3SecretKey);
    config.put("quarkus.s3.path-style-access", "true");
    config.put("kiln.storage.bucket", bucket);
    config.put("quarkus.devservices.enabled", "false");
    return Collections.unmodifiableMap(config);
  }

  /**
   * {@code config} without the {@code quarkus.datasource.*} keys: for a service without a database
   * (the worker), which would otherwise warn about unrecognized keys.
   */
  public static Map<String, String> withoutDatasource(Map<String, String> config) {
    Map<String, String> filtered = new LinkedHashMap<>(config);
    filtered.keySet().removeIf(key -> key.startsWith("quarkus.datasource."));
    return Collections.unmodifiableMap(filtered);
  }
}
