package dev.kiln.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./kiln admin}: the operator's command line over Kiln's admin API. The API's URL and the
 * operator key come from the options, else from {@code KILN_URL} / {@code KILN_ADMIN_KEY}, else
 * from the local run's defaults ({@code http://localhost:8080}, the file {@code .kiln/admin-key}).
 */
@Command(
    name = "kiln admin",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    version = "kiln admin 0.1.0",
    description = "Manage Kiln's tenants, API keys, limits and credits with the operator key.",
    subcommands = {TenantsCommand.class, KeysCommand.class, CreditsCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:the API refused the request (not found, invalid, conflict...)",
      "2:wrong usage of this command",
      "3:no operator key, or the API did not accept it (401, 403)",
      "4:the API could not be reached or failed (5xx)"
    },
    footer =
        "%nExamples:%n  ./kiln admin tenants create Acme%n  ./kiln admin keys create ten_... --name ci%n")
public final class KilnAdmin {

  static final int API_ERROR = 1;
  static final int USAGE = CommandLine.ExitCode.USAGE;
  static final int AUTH = 3;
  static final int UNAVAILABLE = 4;

  static final String DEFAULT_URL = "http://localhost:8080";

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      description = "The API's base URL (env KILN_URL; default " + DEFAULT_URL + ")")
  String url;

  @Option(
      names = "--admin-key",
      scope = ScopeType.INHERIT,
      description = "The operator key (env KILN_ADMIN_KEY; default: the file of --admin-key-file)")
  String adminKey;

  @Option(
      names = "--admin-key-file",
      scope = ScopeType.INHERIT,
      defaultValue = ".kiln/admin-key",
      description = "A file holding the operator key (default: ${DEFAULT-VALUE})")
  Path adminKeyFile;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print the API's JSON answer instead of a table")
  boolean json;

  private final Map<String, String> env;
  private final AdminClientFactory clients;

  /** Makes the client for a URL and key (tests pass their own). */
  interface AdminClientFactory {
    AdminClient create(URI base, String operatorKey);
  }

  KilnAdmin(Map<String, String> env, AdminClientFactory clients) {
    this.env = env;
    this.clients = clients;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), AdminClient::new).execute(args));
  }

  static CommandLine commandLine(Map<String, String> env, AdminClientFactory clients) {
    CommandLine cli = new CommandLine(new KilnAdmin(env, clients));
    cli.setExecutionExceptionHandler(KilnAdmin::failed);
    // ./kiln passes its --admin-key-file first: one the user gives after it wins.
    cli.setOverwrittenOptionsAllowed(true);
    return cli;
  }

  /** The client for the resolved URL and operator key. */
  AdminClient client() {
    String base = Optional.ofNullable(url).or(() -> env(("KILN_URL"))).orElse(DEFAULT_URL);
    String key =
        Optional.ofNullable(adminKey)
            .or(() -> env("KILN_ADMIN_KEY"))
            .or(this::keyFromFile)
            .orElseThrow(
                () ->
                    new MissingKeyException(
                        "No operator key: pass --admin-key, set KILN_ADMIN_KEY or write it to "
                            + adminKeyFile
                            + " (./kiln run does)"));
    return clients.create(URI.create(base), key);
  }

  /** Prints an answer: as JSON with {@code --json}, else through {@code human}. */
  void print(JsonNode answer, Consumer<PrintWriter> human) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      try {
        out.println(AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    } else {
      human.accept(out);
    }
    out.flush();
  }

  private Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  private Optional<String> keyFromFile() {
    if (adminKeyFile == null || !Files.isRegularFile(adminKeyFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(adminKeyFile).strip()).filter(k -> !k.isEmpty());
    } catch (IOException e) {
      throw new MissingKeyException("Cannot read " + adminKeyFile + ": " + e.getMessage());
    }
  }

  private static int failed(Exception e, CommandLine cli, CommandLine.ParseResult parsed)
      throws Exception {
    PrintWriter err = cli.getErr();
    int exitCode;
    switch (e) {
      case AdminClient.AdminApiException api -> {
        err.println("Error " + api.status + " " + api.code() + ": " + api.getMessage());
        api.problem
            .path("errors")
            .forEach(
                error ->
                    err.println(
                        "  "
                            + error.path("field").asText()
                            + ": "
                            + error.path("message").asText()));
        exitCode =
            switch (api.status) {
              case 401, 403 -> AUTH;
              default -> api.status >= 500 ? UNAVAILABLE : API_ERROR;
            };
      }
      case AdminClient.UnreachableException unreachable -> {
        err.println("Error: " + unreachable.getMessage());
        exitCode = UNAVAILABLE;
      }
      case UsageException usage -> {
        err.println("Error: " + usage.getMessage());
        exitCode = USAGE;
      }
      case MissingKeyException missing -> {
        err.println("Error: " + missing.getMessage());
        exitCode = AUTH;
      }
      default -> throw e;
    }
    err.flush();
    return exitCode;
  }

  /** Options that parse but make no sense together. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  static final class MissingKeyException extends RuntimeException {
    MissingKeyException(String message) {
      super(message, null, false, false);
    }
  }
}
