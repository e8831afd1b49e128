package dev.kiln.worker.jobs;

/** The job was cancelled: stop without a terminal event (the API already marked it cancelled). */
final class JobCancelledException extends RuntimeException {

  JobCancelledException() {
    super("cancelled", null, false, false);
  }
}
