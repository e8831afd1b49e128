package dev.kiln.infra.models;

import java.nio.file.Path;

/**
 * A model in place after {@link ModelFetcher#install}.
 *
 * @param modelFile the absolute path of {@code model.onnx}
 * @param sha256 its SHA-256, checked
 * @param size its size in bytes
 * @param origin where this installation took it from
 */
public record InstalledModel(Path modelFile, String sha256, long size, Origin origin) {

  /** Where an installation took the model from. */
  public enum Origin {
    /** The file was already there with the right SHA-256 and was kept. */
    ALREADY_INSTALLED("already installed"),
    /** The user's model cache. */
    USER_CACHE("copied from the user cache"),
    /** {@code npm pack}. */
    NPM("fetched with npm pack"),
    /** A file given by the operator. */
    FILE("copied from the given file"),
    /** An operator's URL. */
    URL("downloaded from the given URL");

    private final String description;

    Origin(String description) {
      this.description = description;
    }

    /** A few words for the console. */
    public String description() {
      return description;
    }
  }

  /** The directory of the model and its licence files. */
  public Path directory() {
    return modelFile.getParent();
  }

  /** The text that says where the model came from and under which licence. */
  public Path sourceFile() {
    return directory().resolve(PinnedModel.SOURCE_FILE);
  }
}
