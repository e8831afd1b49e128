package dev.kiln.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.kiln.client.KilnClient;
import dev.kiln.client.errors.FieldError;
import dev.kiln.client.errors.KilnConnectionException;
import dev.kiln.client.errors.KilnException;
import dev.kiln.client.errors.KilnProblemException;
import dev.kiln.client.errors.KilnTimeoutException;
import dev.kiln.client.http.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code kilnctl}: Kiln from the command line, on the Java client. Each command prints a table, or
 * the API's objects as JSON with {@code --json}; the exit code tells scripts what happened.
 */
@Command(
    name = "kilnctl",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    version = "kilnctl " + KilnClient.VERSION,
    description = "Turn images into results with Kiln: upload, submit, follow live, download.",
    subcommands = {
      SubmitCommand.class,
      JobsCommand.class,
      MediaCommand.class,
      WebhooksCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nConfiguration:%n",
    footer = {
      "  --url and --api-key, else the environment (KILN_URL, KILN_API_KEY), else the",
      "  config file: --config FILE, else $KILN_CONFIG, else",
      "  ~/.config/kiln/config.properties ($XDG_CONFIG_HOME/kiln/config.properties)",
      "  with the lines url=... and api_key=...; the URL defaults to",
      "  " + CliConfig.DEFAULT_URL + ".",
      "",
      "Examples:",
      "  kilnctl submit photo.jpg --preset sticker --wait -o sticker.webp",
      "  kilnctl submit photo.jpg --step resize:width=400,height=300 \\",
      "      --step encode:format=webp -o small.webp",
      "  kilnctl jobs ls --status failed",
      "  kilnctl --json jobs get job_..."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (a waited-for job completed)",
      "1:the job failed, was cancelled or expired",
      "2:wrong usage (options, files, no API key)",
      "3:Kiln refused the request: its problem's code and message are printed",
      "4:Kiln could not be reached (after retries)",
      "5:--wait gave up after --timeout; the job goes on"
    })
public final class Kilnctl {

  static final int JOB_FAILED = 1;
  static final int USAGE = CommandLine.ExitCode.USAGE;
  static final int API_PROBLEM = 3;
  static final int UNREACHABLE = 4;
  static final int TIMED_OUT = 5;

  /**
   * {@code --json} output: the client's conventions, but null members kept, as the API sends them,
   * so that a script finds {@code "completed_at": null} rather than no member at all.
   */
  static final ObjectWriter JSON_OUTPUT =
      Json.MAPPER
          .copy()
          .setSerializationInclusion(JsonInclude.Include.ALWAYS)
          .writerWithDefaultPrettyPrinter();

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      description = "Kiln's base URL (env KILN_URL; default " + CliConfig.DEFAULT_URL + ")")
  String url;

  @Option(
      names = "--api-key",
      scope = ScopeType.INHERIT,
      description = "The API key (env KILN_API_KEY, or api_key= in the config file)")
  String apiKey;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "The config file (default: ~/.config/kiln/config.properties)")
  Path config;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print Kiln's objects as JSON instead of tables and progress")
  boolean json;

  private final Map<String, String> env;
  private KilnClient client;

  Kilnctl(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The command line, with the environment it reads (tests pass their own). */
  static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new Kilnctl(env));
    cli.setExecutionExceptionHandler(Kilnctl::failed);
    return cli;
  }

  /** The client for the resolved URL and key, made once. */
  KilnClient client() {
    if (client == null) {
      CliConfig resolved = CliConfig.resolve(url, apiKey, CliConfig.file(config, env), env);
      client =
          KilnClient.builder()
              .baseUrl(resolved.url())
              .apiKey(resolved.apiKey())
              .userAgent("kilnctl/" + KilnClient.VERSION)
              .build();
    }
    return client;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints {@code value} as JSON with {@code --json}, else through {@code human}. */
  void print(Object value, Consumer<PrintWriter> human) {
    PrintWriter out = out();
    if (json) {
      try {
        out.println(JSON_OUTPUT.writeValueAsString(value));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      human.accept(out);
    }
    out.flush();
  }

  /** A message for people: on standard error, so that standard output stays the result. */
  void note(String message) {
    if (!json) {
      err().println(message);
      err().flush();
    }
  }

  private static int failed(Exception e, CommandLine cli, CommandLine.ParseResult parsed)
      throws Exception {
    PrintWriter err = cli.getErr();
    int code;
    if (e instanceof KilnProblemException) {
      KilnProblemException problem = (KilnProblemException) e;
      String text = problem.detail() != null ? problem.detail() : problem.title();
      err.println("Error " + problem.status() + " " + problem.code() + ": " + text);
      for (FieldError field : problem.fieldErrors()) {
        err.println("  " + field.field() + ": " + field.message());
      }
      code = API_PROBLEM;
    } else if (e instanceof KilnTimeoutException) {
      err.println(
          "Error: "
              + e.getMessage()
              + " (it goes on: kilnctl jobs get "
              + ((KilnTimeoutException) e).jobId()
              + ")");
      code = TIMED_OUT;
    } else if (e instanceof KilnConnectionException) {
      err.println("Error: " + e.getMessage());
      code = UNREACHABLE;
    } else if (e instanceof UsageException) {
      err.println("Error: " + e.getMessage());
      code = USAGE;
    } else if (e instanceof UncheckedIOException) {
      err.println("Error: cannot read " + e.getCause().getMessage());
      code = USAGE;
    } else if (e instanceof KilnException) {
      err.println("Error: " + e.getMessage());
      code = API_PROBLEM;
    } else {
      throw e;
    }
    err.flush();
    return code;
  }

  /** Options that parse but cannot be used: exit code 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
