package dev.kiln.e2e.drills;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a drill found: the fate of every job it submitted, and anything that went against the
 * drill's expectations. Its {@link #line()} is the drill's one-line report:
 *
 * <pre>
 * drill worker-kill: submitted 12, completed 12, failed 0, lost 0, charged twice 0 (...)
 * </pre>
 */
final class DrillTally {

  private static final int SHOWN_PROBLEMS = 20;

  private final String drill;
  private int submitted;
  private int completed;
  private int failed;
  private int lost;
  private int chargedTwice;
  private int completedTwice;
  private WorkerRuns runs = new WorkerRuns(0, 0);
  private int reattempted;
  private Duration took = Duration.ZERO;
  private final Map<String, Integer> failures = new TreeMap<>();
  private final Map<String, Integer> refused = new TreeMap<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  DrillTally(String drill) {
    this.drill = drill;
  }

  /** A job answered 202 that completed. */
  void completed() {
    submitted++;
    completed++;
  }

  /** A job answered 202 that failed, with its error ({@code "storage_unavailable retryable"}). */
  void failed(String error) {
    submitted++;
    failed++;
    failures.merge(error, 1, Integer::sum);
  }

  /** A job answered 202 that is unknown, or still unfinished when the drill gave up on it. */
  void lost() {
    submitted++;
    lost++;
  }

  /** A job whose credits were reserved or charged more than once. */
  void chargedTwice() {
    chargedTwice++;
  }

  /** A job with more than one terminal event in the account's event record. */
  void completedTwice() {
    completedTwice++;
  }

  /** A job that the API's watchdog re-published as a new attempt ({@code attempt} above 1). */
  void reattempted() {
    reattempted++;
  }

  /** How the workers ran the jobs: how many they started twice, how many runs were cut short. */
  void runs(WorkerRuns workerRuns) {
    runs = workerRuns;
  }

  /** Submits answered otherwise than 202, by what was answered. */
  void refused(Map<String, Integer> answers) {
    answers.forEach((answer, count) -> refused.merge(answer, count, Integer::sum));
  }

  void took(Duration duration) {
    took = duration;
  }

  /** Records a figure worth reporting beside the counts ("the kill found 3 jobs running"). */
  void note(String what) {
    notes.add(what);
  }

  /** Records something that went against the drill's expectations. */
  void problem(String what) {
    problems.add(what);
  }

  int submitted() {
    return submitted;
  }

  int failedCount() {
    return failed;
  }

  int lostCount() {
    return lost;
  }

  int chargedTwiceCount() {
    return chargedTwice;
  }

  int completedTwiceCount() {
    return completedTwice;
  }

  /** Jobs that a worker started more than once. */
  int redeliveredCount() {
    return runs.redelivered();
  }

  /** Jobs with a run that a worker started and never finished. */
  int cutShortCount() {
    return runs.cutShort();
  }

  /** Failed jobs by their error: {@code "storage_unavailable retryable" -> 3}. */
  Map<String, Integer> failures() {
    return Map.copyOf(failures);
  }

  /** Submits not answered 202, by what was answered: {@code "503 service_unavailable" -> 4}. */
  Map<String, Integer> refused() {
    return Map.copyOf(refused);
  }

  /** What went against the drill's expectations; empty when it passed. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** The drill's one-line report. */
  String line() {
    return ("drill %s: submitted %d, completed %d, failed %d, lost %d, charged twice %d"
            + " (completed twice %d, redelivered %d, cut short %d, re-attempted %d, %.1f s)")
        .formatted(
            drill,
            submitted,
            completed,
            failed,
            lost,
            chargedTwice,
            completedTwice,
            runs.redelivered(),
            runs.cutShort(),
            reattempted,
            took.toMillis() / 1000.0);
  }

  /** The line, then failures, refused submits, notes and problems, one per line. */
  String report() {
    StringBuilder report = new StringBuilder(line());
    failures.forEach(
        (error, count) -> report.append("\n  failed ").append(count).append(" × ").append(error));
    refused.forEach(
        (answer, count) ->
            report.append("\n  submits answered ").append(count).append(" × ").append(answer));
    notes.forEach(note -> report.append("\n  ").append(note));
    problems.stream()
        .limit(SHOWN_PROBLEMS)
        .forEach(problem -> report.append("\n  PROBLEM: ").append(problem));
    if (problems.size() > SHOWN_PROBLEMS) {
      report.append("\n  ... and ").append(problems.size() - SHOWN_PROBLEMS).append(" more");
    }
    return report.toString();
  }
}
