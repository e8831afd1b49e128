package dev.kiln.cli;

import dev.kiln.client.media.Media;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kilnctl media upload}. */
@Command(name = "media", description = "Upload images.")
final class MediaCommand {

  @ParentCommand Kilnctl root;

  @Command(name = "upload", description = "Upload an image; prints its media object.")
  void upload(@Parameters(paramLabel = "FILE") Path file) {
    Media media = root.client().media().upload(file);
    root.print(media, out -> Views.MEDIA.printOne(media, out));
  }
}
