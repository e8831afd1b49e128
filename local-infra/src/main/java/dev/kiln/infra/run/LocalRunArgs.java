package dev.kiln.infra.run;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of {@link LocalRun}: {@code [run|infra] [--data-dir <dir>] [--no-model]}.
 *
 * @param mode what to start
 * @param dataDir where the data lives, or {@code null} for the default ({@code .kiln} in the
 *     project)
 * @param cutoutModel whether {@code run} fetches the cut-out model when it is missing and hands it
 *     to the worker
 */
record LocalRunArgs(Mode mode, Path dataDir, boolean cutoutModel) {

  /** What the local run starts. */
  enum Mode {
    /** Infrastructure and both services. */
    RUN,
    /** Infrastructure only. */
    INFRA
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException for unknown or incomplete arguments, with the usage text
   */
  static LocalRunArgs parse(String... args) {
    Spec spec = new Spec();
    CommandLine line = commandLine(spec);
    try {
      line.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage() + "\n" + line.getUsageMessage());
    }
    return new LocalRunArgs(spec.mode, spec.dataDir, !spec.noModel);
  }

  /** The usage text ({@code --help}). */
  static String usage() {
    return commandLine(new Spec()).getUsageMessage();
  }

  private static CommandLine commandLine(Spec spec) {
    return new CommandLine(spec)
        .setCaseInsensitiveEnumValuesAllowed(true)
        // ./kiln passes its --data-dir first: one the user gives after it wins.
        .setOverwrittenOptionsAllowed(true);
  }

  @Command(
      name = "./kiln run|infra",
      description = "Kiln on this machine: real PostgreSQL, Kafka and S3 without Docker.",
      mixinStandardHelpOptions = false)
  private static final class Spec {

    @Parameters(
        index = "0",
        arity = "0..1",
        defaultValue = "run",
        paramLabel = "run|infra",
        description = {
          "run: PostgreSQL, Kafka and S3, then api-service (:8080) and worker-service (:8081),"
              + " restarted when they crash (default)",
          "infra: only PostgreSQL (:15432), Kafka (:19092) and S3 (:19000), for ./mvnw quarkus:dev"
        })
    Mode mode;

    @Option(
        names = "--data-dir",
        paramLabel = "<dir>",
        description = "where data and the API key are kept (default: .kiln in the project)")
    Path dataDir;

    @Option(
        names = "--no-model",
        description = "run the worker without the cut-out model (no fetch; docs/models.md)")
    boolean noModel;
  }
}
