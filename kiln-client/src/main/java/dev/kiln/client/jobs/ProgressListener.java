package dev.kiln.client.jobs;

/** Told how far a job is whenever its progress changes. */
@FunctionalInterface
public interface ProgressListener {

  /**
   * @param percentage 0 to 100
   * @param step {@code queued}, the running step's name (such as {@code remove_background}), then
   *     the outcome
   */
  void onProgress(int percentage, String step);
}
