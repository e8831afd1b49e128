package dev.kiln.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kiln.model.kafka.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The local run's promise: stop, start again on the same data directory, nothing is lost. */
class LocalInfraRestartTest {

  @TempDir Path dataDir;

  @Test
  void keepsRowsRecordsAndObjectsAcrossARestart() throws Exception {
    try (LocalInfra infra = LocalInfra.start(InfraOptions.persistent(dataDir))) {
      Map<String, String> config = infra.endpoints().quarkusConfig();
      try (Connection connection = InfraClients.jdbc(config);
          Statement statement = connection.createStatement()) {
        statement.execute("create table kept (id text primary key)");
        statement.execute("insert into kept values ('row-1')");
      }
      InfraClients.produce(config, Topics.JOB_EVENTS, "job_kept", "event-1");
      try (S3Client s3 = InfraClients.s3(config)) {
        s3.putObject(put -> put.bucket("kiln").key("kept/object"), RequestBody.fromString("o-1"));
      }
    }

    try (LocalInfra infra = LocalInfra.start(InfraOptions.persistent(dataDir))) {
      Map<String, String> config = infra.endpoints().quarkusConfig();
      try (Connection connection = InfraClients.jdbc(config);
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("select id from kept")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getString(1)).isEqualTo("row-1");
      }
      assertThat(InfraClients.readAll(config, Topics.JOB_EVENTS, 1))
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactly(tuple("job_kept", "event-1"));
      try (S3Client s3 = InfraClients.s3(config)) {
        assertThat(s3.getObjectAsBytes(get -> get.bucket("kiln").key("kept/object")).asUtf8String())
            .isEqualTo("o-1");
      }
    }
    assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
    assertThat(dataDir.resolve("kafka/meta.properties")).exists();
  }
}
