package dev.kiln.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kiln.model.kafka.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The test resource the services use: real servers on free ports with temporary data, reached only
 * through the configuration it hands to Quarkus.
 */
class KilnTestResourceTest {

  private static Map<String, String> config;

  @BeforeAll
  static void start() {
    config = new KilnTestResource().start();
  }

  @Test
  void handsOutTheServicesConfiguration() {
    assertThat(config)
        .containsOnlyKeys(
            "quarkus.datasource.reactive.url",
            "quarkus.datasource.jdbc.url",
            "quarkus.datasource.username",
            "quarkus.datasource.password",
            "kafka.bootstrap.servers",
            "quarkus.s3.endpoint-override",
            "quarkus.s3.aws.region",
            "quarkus.s3.aws.credentials.type",
            "quarkus.s3.aws.credentials.static-provider.access-key-id",
            "quarkus.s3.aws.credentials.static-provider.secret-access-key",
            "quarkus.s3.path-style-access",
            "kiln.storage.bucket",
            "quarkus.devservices.enabled")
        .containsEntry("quarkus.datasource.username", "kiln")
        .containsEntry("quarkus.s3.aws.region", "us-east-1")
        .containsEntry("kiln.storage.bucket", "kiln")
        .containsEntry("quarkus.devservices.enabled", "false");
    assertThat(config.get("quarkus.datasource.reactive.url"))
        .matches("postgresql://localhost:\\d+/kiln");
    assertThat(config.get("kafka.bootstrap.servers")).matches("localhost:\\d+");
    assertThat(config.get("quarkus.s3.endpoint-override")).matches("http://localhost:\\d+");
  }

  @Test
  void isSharedByEveryTestClassOfTheJvm() {
    assertThat(new KilnTestResource().start()).isEqualTo(config);
  }

  @Test
  void leavesOutTheDatasourceForAServiceWithoutDatabase() {
    KilnTestResource resource = new KilnTestResource();
    resource.init(Map.of(KilnTestResource.DATASOURCE, "false"));

    Map<String, String> workerConfig = resource.start();

    assertThat(workerConfig.keySet()).noneMatch(key -> key.startsWith("quarkus.datasource."));
    assertThat(workerConfig).hasSize(config.size() - 4).containsKey("kafka.bootstrap.servers");
  }

  @Test
  void postgresServesTheKilnDatabaseToTheKilnRole() throws Exception {
    try (Connection connection = InfraClients.jdbc(config);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("select 1, current_user, current_database(), version()")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getInt(1)).isEqualTo(1);
      assertThat(result.getString(2)).isEqualTo("kiln");
      assertThat(result.getString(3)).isEqualTo("kiln");
      assertThat(result.getString(4)).startsWith("PostgreSQL 18.");
      statement.execute("create table owned_by_kiln (id int primary key)");
    }
  }

  @Test
  void kafkaHasKilnTopicsWithTheirPartitionCounts() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.get("kafka.bootstrap.servers")))) {
      Map<String, Integer> partitions =
          admin
              .describeTopics(List.of(Topics.JOBS, Topics.JOB_EVENTS, Topics.JOB_CONTROL))
              .allTopicNames()
              .get()
              .values()
              .stream()
              .collect(
                  Collectors.toMap(TopicDescription::name, topic -> topic.partitions().size()));
      assertThat(partitions)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(Topics.JOBS, 12, Topics.JOB_EVENTS, 12, Topics.JOB_CONTROL, 1));
    }
  }

  @Test
  void kafkaDeliversWhatIsProducedOnTheJobsTopic() throws Exception {
    InfraClients.produce(config, Topics.JOBS, "job_round_trip", "{\"v\":1}");

    assertThat(InfraClients.readAll(config, Topics.JOBS, 1))
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactly(tuple("job_round_trip", "{\"v\":1}"));
  }

  @Test
  void s3StoresAndReturnsObjectsInTheKilnBucket() {
    try (S3Client s3 = InfraClients.s3(config)) {
      s3.putObject(
          put -> put.bucket("kiln").key("tenants/t1/media/med_1").contentType("image/png"),
          RequestBody.fromString("not really a png"));

      assertThat(s3.getObjectAsBytes(get -> get.bucket("kiln").key("tenants/t1/media/med_1")))
          .satisfies(
              object -> {
                assertThat(object.asUtf8String()).isEqualTo("not really a png");
                assertThat(object.response().contentType()).isEqualTo("image/png");
              });
    }
  }
}
