package dev.kiln.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.e2e.KilnStack;
import dev.kiln.e2e.drills.DrillClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One drill in progress: its own account and input, a first job run to the end before the fault (it
 * proves the stack works and marks where the drill's events start), the jobs submitted, and at the
 * end the audit of every one of them into the drill's {@link DrillTally}.
 */
final class DrillRun {

  private static final long CREDITS = 1_000_000;
  private static final Duration FIRST_JOB_TIMEOUT = Duration.ofSeconds(120);

  private final KilnStack stack;
  private final DrillTally tally;
  private final DrillAccount account;
  private final DrillWork work;
  private final String mark;
  private final long startNanos = System.nanoTime();

  private DrillRun(
      KilnStack stack, DrillTally tally, DrillAccount account, DrillWork work, String mark) {
    this.stack = stack;
    this.tally = tally;
    this.account = account;
    this.work = work;
    this.mark = mark;
  }

  /**
   * Sets up the drill's account and a light input on a running stack and runs one job through it.
   */
  static DrillRun begin(KilnStack stack, String drill) {
    return begin(stack, drill, DrillWork.Weight.LIGHT);
  }

  /** Sets up the drill's account and input on a running stack and runs one job through it. */
  static DrillRun begin(KilnStack stack, String drill, DrillWork.Weight weight) {
    DrillAccount account = DrillAccount.create(stack.api(), drill, CREDITS);
    DrillWork work = DrillWork.upload(account.client(), weight);
    String first = completeOne(account.client(), work);
    String mark = TerminalEvents.lastEventOf(account.client(), first);
    return new DrillRun(stack, new DrillTally(drill), account, work, mark);
  }

  DrillTally tally() {
    return tally;
  }

  DrillClient client() {
    return account.client();
  }

  /** Submits one job. */
  Answer submit() {
    return work.submit(account.client());
  }

  /**
   * Submits {@code count} jobs one after the other; answers the ids of those answered 202 and
   * counts the other answers in the tally.
   */
  List<String> submit(int count) {
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Answer answer = submit();
      if (answer.is(202)) {
        accepted.add(answer.body().path("id").asText());
      } else {
        tally.refused(Map.of(answer.describe(), 1));
      }
    }
    return accepted;
  }

  /** A steady load of this drill's job, not yet started. */
  SteadyLoad load(double perSecond) {
    return new SteadyLoad(this::submit, perSecond);
  }

  /** The jobs as they are now. */
  Map<String, JsonNode> jobs(List<String> ids) {
    return JobOutcomes.read(account.client(), ids);
  }

  /** Audits the jobs answered 202 (see {@link DrillAudit}) once the fault is over. */
  DrillTally finish(List<String> accepted) throws InterruptedException {
    DrillAudit.audit(tally, account, accepted, () -> completeOne(account.client(), work), mark);
    tally.runs(WorkerRuns.of(stack.kafkaBootstrapServers(), accepted));
    tally.took(Duration.ofNanos(System.nanoTime() - startNanos));
    return tally;
  }

  /** Submits a job and waits until it has completed; answers its id. */
  private static String completeOne(DrillClient client, DrillWork work) {
    String id = DrillAccount.expect(work.submit(client), 202).path("id").asText();
    try {
      JsonNode job = JobOutcomes.awaitTerminal(client, List.of(id), FIRST_JOB_TIMEOUT).get(id);
      if (job == null || !JobOutcomes.hasStatus(job, "completed")) {
        throw new IllegalStateException("a job of the drill's stack did not complete: " + job);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return id;
  }
}
