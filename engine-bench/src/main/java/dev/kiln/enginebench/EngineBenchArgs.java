package dev.kiln.enginebench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line of the engine benchmark ({@code ./kiln engine-bench}), parsed by picocli. */
@Command(
    name = "./kiln engine-bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The image engine benchmark, in one warm JVM: pipelines over a folder of photos (images/s,"
          + " CPU-ms per image, peak RSS), a native-memory soak, or the cut-out methods scored on"
          + " an evaluation set (docs/engine.md). Relative paths are taken from the repository"
          + " root."
    })
final class EngineBenchArgs {

  @Parameters(
      paramLabel = "FOLDER",
      arity = "0..1",
      defaultValue = ".",
      description =
          "photos (pipelines, soak, cutout-sheet, sticker-sheet) or the evaluation set (cutout)")
  String folder;

  @Option(
      names = "--mode",
      defaultValue = "all",
      description =
          "pipelines, soak, all (both), cutout, cutout-sheet or sticker-sheet (default:"
              + " ${DEFAULT-VALUE})")
  String mode;

  @Option(
      names = "--pipelines",
      paramLabel = "LIST",
      description = "comma-separated of thumbnail, sticker, avatar, resize (default: all)")
  String pipelines;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "threads of the parallel run and the soak (default: the cores)")
  Integer threads;

  @Option(
      names = "--rounds",
      paramLabel = "R",
      defaultValue = "3",
      description = "measured rounds per image (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--warm-up",
      paramLabel = "W",
      defaultValue = "2",
      description = "unmeasured rounds first (default: ${DEFAULT-VALUE})")
  int warmUp;

  @Option(
      names = "--jobs",
      paramLabel = "J",
      defaultValue = "10000",
      description = "soak: jobs to run (default: ${DEFAULT-VALUE})")
  int jobs;

  @Option(
      names = "--max-pixels",
      paramLabel = "P",
      defaultValue = "50000000",
      description = "the decoder's pixel limit (default: ${DEFAULT-VALUE})")
  long maxPixels;

  @Option(
      names = "--model",
      paramLabel = "PATH",
      defaultValue = BenchCutouts.DEFAULT_MODEL,
      description = "the cut-out model (default: ${DEFAULT-VALUE})")
  String model;

  @Option(
      names = "--methods",
      paramLabel = "LIST",
      description = "cutout: color,model (default); cutout-sheet: model (default)")
  String methods;

  @Option(
      names = "--save",
      paramLabel = "DIR",
      description = "cutout: also write each method's masks here")
  String save;

  @Option(
      names = "--sheet",
      paramLabel = "FILE.png",
      defaultValue = "cutout-contact-sheet.png",
      description = "cutout-sheet: the contact sheet to write (default: ${DEFAULT-VALUE})")
  String sheet;

  @Option(
      names = "--sticker-sheet",
      paramLabel = "FILE",
      defaultValue = "sticker-contact-sheet.jpg",
      description =
          "sticker-sheet: the contact sheet to write, .png or .jpg (default: ${DEFAULT-VALUE})")
  String stickerSheet;
}
