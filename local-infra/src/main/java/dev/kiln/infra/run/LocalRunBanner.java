package dev.kiln.infra.run;

import dev.kiln.infra.InfraEndpoints;
import java.net.URI;
import java.nio.file.Path;

/** What the local run prints once everything is up: where to go and what to try first. */
final class LocalRunBanner {

  private LocalRunBanner() {}

  static String running(URI api, String apiKey, boolean cutoutModel) {
    return """

        Kiln is running.
          API        %1$s   (OpenAPI UI: %1$s/q/swagger-ui)
          API key    %2$s   (default tenant)
          Console    %1$s/console/   (sign in with the API key)
          Cut-out    %3$s
          Try        curl -s %1$s/v1/account -H "Authorization: Bearer %2$s"
          Admin      ./kiln admin tenants list   (operator key: admin-key in the data directory)
          Then       follow the curl walk-through in README.md
        Ctrl-C stops everything; the data stays for the next start.

        """
        .formatted(
            api,
            apiKey,
            cutoutModel
                ? "u2netp model (docs/models.md)"
                : "colour method, no model (./kiln models fetch; docs/models.md)");
  }

  static String infra(InfraEndpoints endpoints, Path dataDir, String apiKey) {
    return """

        Kiln infrastructure is running (data in %s).
          PostgreSQL  %s   user %s, password %s
          Kafka       %s
          S3          %s   bucket %s, access key %s, secret %s
          API key     %s   (default tenant, in the data directory)
          Admin key   in %s/admin-key (./kiln admin, kiln.admin.key-file)
        Start the services with ./mvnw quarkus:dev in api-service and in worker-service.
        Ctrl-C stops the infrastructure; the data stays for the next start.

        """
        .formatted(
            dataDir,
            endpoints.jdbcUrl(),
            endpoints.username(),
            endpoints.password(),
            endpoints.kafkaBootstrapServers(),
            endpoints.s3Endpoint(),
            endpoints.bucket(),
            endpoints.s3AccessKey(),
            endpoints.s3SecretKey(),
            apiKey,
            dataDir);
  }
}
