package dev.kiln.infra.run;

import java.nio.file.Path;

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

  static final String USAGE =
      """
      Usage: java -jar local-infra/target/local-infra-<version>-runner.jar [run|infra] [--data-dir <dir>] [--no-model]
        run     PostgreSQL, Kafka and S3, then api-service (:8080) and worker-service (:8081); default
        infra   only PostgreSQL (:15432), Kafka (:19092) and S3 (:19000), for ./mvnw quarkus:dev
        --data-dir <dir>   where data and the API key are kept (default: .kiln in the project)
        --no-model         run the worker without the cut-out model (no fetch; docs/models.md)
      """;

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
   * @throws IllegalArgumentException for unknown arguments or {@code --help}, with the usage text
   */
  static LocalRunArgs parse(String... args) {
    Mode mode = Mode.RUN;
    Path dataDir = null;
    boolean cutoutModel = true;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "run" -> mode = Mode.RUN;
        case "infra" -> mode = Mode.INFRA;
        case "--no-model" -> cutoutModel = false;
        case "--data-dir" -> {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--data-dir needs a directory\n" + USAGE);
          }
          dataDir = Path.of(args[++i]);
        }
        default -> {
          if (arg.startsWith("--data-dir=")) {
            dataDir = Path.of(arg.substring("--data-dir=".length()));
          } else {
            throw new IllegalArgumentException(
                (isHelp(arg) ? "" : "Unknown argument: " + arg + "\n") + USAGE);
          }
        }
      }
    }
    return new LocalRunArgs(mode, dataDir, cutoutModel);
  }

  private static boolean isHelp(String arg) {
    return arg.equals("-h") || arg.equals("--help") || arg.equals("help");
  }
}
