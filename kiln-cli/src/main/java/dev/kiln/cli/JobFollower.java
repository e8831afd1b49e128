package dev.kiln.cli;

import dev.kiln.client.KilnClient;
import dev.kiln.client.jobs.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Follows a submitted job live to its end, saves its result, and answers the exit code. */
final class JobFollower {

  private final Kilnctl root;

  JobFollower(Kilnctl root) {
    this.root = root;
  }

  /**
   * @param wait whether to follow the job (else the submitted job is printed)
   * @param output where to save the result, or null
   */
  int finish(Job submitted, boolean wait, Path output, Duration timeout) {
    if (!wait && output == null) {
      root.print(submitted, out -> out.println(submitted.id()));
      return 0;
    }
    KilnClient kiln = root.client();
    Job done;
    try (ProgressDisplay progress = ProgressDisplay.forJob(submitted.id(), root.json, root.err())) {
      done = kiln.jobs().stream(submitted.id()).onProgress(progress).await(timeout);
    }
    if (!done.isCompleted()) {
      String reason =
          done.error() == null ? "" : ": " + done.error().code() + ": " + done.error().message();
      root.print(done, out -> {});
      root.err().println("Job " + done.id() + " " + done.status() + reason);
      root.err().flush();
      return Kilnctl.JOB_FAILED;
    }
    if (output != null) {
      kiln.jobs().download(done, output);
    }
    root.print(
        done,
        out -> {
          out.printf(
              Locale.ROOT,
              "Job %s completed in %.2f s: %s%n",
              done.id(),
              done.totalElapsedSeconds() == null ? 0.0 : done.totalElapsedSeconds(),
              Views.result(done));
          if (output != null) {
            out.println("Saved " + output);
          }
        });
    return 0;
  }
}
