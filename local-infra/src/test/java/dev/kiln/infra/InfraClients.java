package dev.kiln.infra;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Plain clients built only from {@link InfraEndpoints#quarkusConfig()}, as a service sees it. */
final class InfraClients {

  private InfraClients() {}

  static Connection jdbc(Map<String, String> config) throws SQLException {
    return DriverManager.getConnection(
        config.get("quarkus.datasource.jdbc.url"),
        config.get("quarkus.datasource.username"),
        config.get("quarkus.datasource.password"));
  }

  static void produce(Map<String, String> config, String topic, String key, String value)
      throws ExecutionException, InterruptedException {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  /** Every record of {@code topic} from the beginning, read until {@code expected} are seen. */
  static List<ConsumerRecord<String, String>> readAll(
      Map<String, String> config, String topic, int expected) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  static S3Client s3(Map<String, String> config) {
    return S3Client.builder()
        .endpointOverride(URI.create(config.get("quarkus.s3.endpoint-override")))
        .region(Region.of(config.get("quarkus.s3.aws.region")))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    config.get("quarkus.s3.aws.credentials.static-provider.access-key-id"),
                    config.get("quarkus.s3.aws.credentials.static-provider.secret-access-key"))))
        .forcePathStyle(Boolean.parseBoolean(config.get("quarkus.s3.path-style-access")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
