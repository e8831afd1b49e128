package dev.kiln.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line against a small fake admin API: requests sent, output and exit codes. */
class KilnAdminTest {

  private static final String TENANT =
      """
      {"id": "ten_1", "object": "tenant", "name": "Acme", "created_at": "2026-01-02T03:04:05Z",
       "limits": {"rate_limit_per_second": 50, "rate_limit_burst": 100, "rate_limit_default": true,
                  "max_queued_jobs": 100000},
       "credits": {"metered": true, "balance": 150}}""";

  record Received(String method, String path, String authorization, String body) {}

  private HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private int status = 200;
  private String answer = "{}";
  private final Map<String, String> env = new HashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    env.put("KILN_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    env.put("KILN_ADMIN_KEY", "op-key-from-env");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int run(String... args) {
    CommandLine cli = KilnAdmin.commandLine(env, AdminClient::new);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void listsTenantsAsATable() {
    answer = "{\"object\": \"list\", \"data\": [" + TENANT + "], \"next_cursor\": \"ten_1\"}";

    assertThat(run("tenants", "list", "--limit", "1")).isZero();

    assertThat(received)
        .containsExactly(
            new Received("GET", "/v1/admin/tenants?limit=1", "Bearer op-key-from-env", ""));
    assertThat(out.toString().lines().toList())
        .containsExactly(
            "ID     NAME  RATE/S  BURST  MAX QUEUED  CREDITS  CREATED",
            "ten_1  Acme  50      100    100000      150      2026-01-02T03:04:05Z",
            "More: --cursor ten_1");
  }

  @Test
  void createsATenantAndPrintsTheJsonAnswer() {
    answer = TENANT;

    assertThat(run("tenants", "create", "Acme", "--json")).isZero();

    assertThat(received.getFirst().method()).isEqualTo("POST");
    assertThat(received.getFirst().body()).isEqualTo("{\"name\":\"Acme\"}");
    assertThat(out.toString()).contains("\"id\" : \"ten_1\"", "\"rate_limit_burst\" : 100");
  }

  @Test
  void createsAKeyAndShowsItOnce() {
    answer =
        """
        {"id": "key_1", "object": "api_key", "tenant_id": "ten_1", "name": "ci",
         "prefix": "kiln_sk_abcd", "created_at": "2026-01-02T03:04:05Z", "last_used_at": null,
         "revoked_at": null, "key": "kiln_sk_abcdefgh"}""";

    assertThat(run("keys", "create", "ten_1", "--name", "ci", "--admin-key", "op-key-flag"))
        .isZero();

    assertThat(received.getFirst())
        .isEqualTo(
            new Received(
                "POST", "/v1/admin/tenants/ten_1/keys", "Bearer op-key-flag", "{\"name\":\"ci\"}"));
    assertThat(out.toString()).contains("PREFIX:", "kiln_sk_abcd", "API key: kiln_sk_abcdefgh");
  }

  @Test
  void revokesAKey() {
    answer = "{\"id\": \"key_1\", \"revoked_at\": \"2026-01-02T03:04:05Z\"}";

    assertThat(run("keys", "revoke", "ten_1", "key_1")).isZero();

    assertThat(received.getFirst().method()).isEqualTo("DELETE");
    assertThat(received.getFirst().path()).isEqualTo("/v1/admin/tenants/ten_1/keys/key_1");
    assertThat(out.toString()).contains("REVOKED:", "2026-01-02T03:04:05Z");
  }

  @Test
  void changesOnlyTheLimitsGiven() {
    answer = TENANT;

    assertThat(run("tenants", "limits", "ten_1", "--rate-limit", "5")).isZero();
    assertThat(received.getFirst())
        .isEqualTo(
            new Received(
                "PATCH",
                "/v1/admin/tenants/ten_1/limits",
                "Bearer op-key-from-env",
                "{\"rate_limit_per_second\":5}"));

    assertThat(run("tenants", "limits", "ten_1")).isEqualTo(KilnAdmin.USAGE);
    assertThat(err.toString()).contains("at least one of --rate-limit");
  }

  @Test
  void grantsCredits() {
    answer = TENANT;

    assertThat(run("credits", "grant", "ten_1", "--amount", "100", "--note", "welcome")).isZero();

    assertThat(received.getFirst().path()).isEqualTo("/v1/admin/tenants/ten_1/credits");
    assertThat(received.getFirst().body()).isEqualTo("{\"amount\":100,\"note\":\"welcome\"}");
    assertThat(out.toString()).contains("Granted 100 credits to ten_1; balance 150");
  }

  @Test
  void readsTheKeyFromTheFileWhenNoneIsGiven(@TempDir Path dir) throws IOException {
    env.remove("KILN_ADMIN_KEY");
    Path file = Files.writeString(dir.resolve("admin-key"), "op-key-from-file\n");
    answer = TENANT;

    assertThat(run("tenants", "get", "ten_1", "--admin-key-file", file.toString())).isZero();

    assertThat(received.getFirst().authorization()).isEqualTo("Bearer op-key-from-file");
    assertThat(out.toString()).contains("NAME:", "Acme");
  }

  @Test
  void aKeyFileGivenAfterTheScriptsOwnWins(@TempDir Path dir) throws IOException {
    env.remove("KILN_ADMIN_KEY");
    Path scripts = Files.writeString(dir.resolve("default"), "op-key-default\n");
    Path users = Files.writeString(dir.resolve("mine"), "op-key-mine\n");
    answer = TENANT;

    assertThat(
            run(
                "--admin-key-file",
                scripts.toString(),
                "tenants",
                "get",
                "ten_1",
                "--admin-key-file",
                users.toString()))
        .isZero();

    assertThat(received.getFirst().authorization()).isEqualTo("Bearer op-key-mine");
  }

  @Test
  void exitCodesTellWhatWentWrong(@TempDir Path dir) {
    status = 401;
    answer = "{\"code\": \"unauthorized\", \"detail\": \"Send the operator key\"}";
    assertThat(run("tenants", "list")).isEqualTo(KilnAdmin.AUTH);
    assertThat(err.toString()).contains("Error 401 unauthorized: Send the operator key");

    status = 422;
    answer =
        """
        {"code": "validation_failed", "detail": "1 field(s) are not valid",
         "errors": [{"field": "name", "message": "is required"}]}""";
    assertThat(run("tenants", "create", " ")).isEqualTo(KilnAdmin.API_ERROR);
    assertThat(err.toString()).contains("  name: is required");

    status = 503;
    answer = "{\"code\": \"service_unavailable\"}";
    assertThat(run("tenants", "list")).isEqualTo(KilnAdmin.UNAVAILABLE);

    env.remove("KILN_ADMIN_KEY");
    assertThat(run("tenants", "list", "--admin-key-file", dir.resolve("none").toString()))
        .isEqualTo(KilnAdmin.AUTH);
    assertThat(err.toString()).contains("No operator key");

    server.stop(0);
    assertThat(run("tenants", "list", "--admin-key", "k")).isEqualTo(KilnAdmin.UNAVAILABLE);
    assertThat(run("tenants", "frobnicate")).isEqualTo(KilnAdmin.USAGE);
  }
}
