package dev.kiln.infra.models;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./kiln models fetch|path}: installs the worker's cut-out model into the data directory and
 * says where it went, its SHA-256 and its licence; or prints where it is. Run from the local-infra
 * runner jar: {@code java -cp local-infra-<v>-runner.jar dev.kiln.infra.models.ModelsCommand}.
 */
public final class ModelsCommand {

  private static final int LICENCE_LINES = 3;

  private ModelsCommand() {}

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(ModelsArgs.USAGE);
      return;
    }
    ModelsArgs parsed;
    try {
      parsed = ModelsArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.print(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(parsed, PinnedModel.U2NETP, System.out, System.err));
  }

  static int run(ModelsArgs args, PinnedModel model, PrintStream out, PrintStream err) {
    if (args.command() == ModelsArgs.Command.PATH) {
      Path file = model.modelFile(args.dataDir()).toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        err.println("No cut-out model at " + file + ": ./kiln models fetch installs it");
        return 1;
      }
      out.println(file);
      return 0;
    }
    try {
      InstalledModel installed =
          ModelFetcher.forCurrentUser(model).install(args.dataDir(), args.source());
      out.print(report(installed));
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("The cut-out model was not installed. " + e.getMessage());
      return 1;
    }
  }

  /** Where the model went and what it is: its SOURCE text and the head of its LICENSE. */
  static String report(InstalledModel installed) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("Cut-out model ").append(installed.origin().description()).append(".\n");
    text.append("  path: ").append(installed.modelFile()).append('\n');
    for (String line : Files.readAllLines(installed.sourceFile(), StandardCharsets.UTF_8)) {
      text.append("  ").append(line).append('\n');
    }
    Path licence = installed.directory().resolve("LICENSE");
    if (Files.isRegularFile(licence)) {
      List<String> head =
          Files.readAllLines(licence, StandardCharsets.UTF_8).stream()
              .filter(line -> !line.isBlank())
              .limit(LICENCE_LINES)
              .map(String::strip)
              .toList();
      text.append("  LICENSE (").append(licence).append("):\n");
      head.forEach(line -> text.append("    ").append(line).append('\n'));
    }
    text.append(
        "The worker reads it through kiln.worker.cutout.model.path; ./kiln run passes it"
            + " (docs/models.md).\n");
    return text.toString();
  }
}
