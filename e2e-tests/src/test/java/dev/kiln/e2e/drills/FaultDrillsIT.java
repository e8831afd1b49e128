package dev.kiln.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.e2e.KilnStack;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The short versions of the fault drills, on one stack with two workers (each drill leaves it
 * healthy for the next). {@code ./kiln drill <name>} runs the long versions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillsIT {

  private static KilnStack stack;

  @BeforeAll
  static void start() throws IOException {
    stack = DrillStack.start(2);
  }

  @AfterAll
  static void stop() throws IOException {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aKilledWorkersJobsAreRedeliveredAndCompleteOnce() throws Exception {
    assertPassed(run(new WorkerKillDrill()));
  }

  @Test
  @Order(2)
  void aRollingRestartOfTheWorkersUnderLoadLosesAndDuplicatesNothing() throws Exception {
    assertPassed(run(new RollingRestartDrill()));
  }

  @Test
  @Order(3)
  void jobsInAnS3OutageFailRetryablyOrComplete() throws Exception {
    DrillTally tally = run(new S3OutageDrill());

    assertPassed(tally);
    assertThat(tally.failedCount()).isPositive();
    assertThat(tally.failures()).containsOnlyKeys(S3OutageDrill.STORAGE_FAILURE);
  }

  @Test
  @Order(4)
  void commandsLeftInTheOutboxByAKilledApiArePublishedAfterItsRestart() throws Exception {
    assertPassed(run(new ApiCrashOutboxDrill()));
  }

  @Test
  @Order(5)
  void theApiRidesOutAPostgresRestartWithoutARestartOfItsOwn() throws Exception {
    DrillTally tally = run(new PostgresRestartDrill());

    assertPassed(tally);
    assertThat(tally.refused())
        .allSatisfy((answer, count) -> assertThat(answer).isEqualTo("503 service_unavailable"));
  }

  private static DrillTally run(FaultDrill drill) throws Exception {
    DrillTally tally = drill.run(stack, drill.shortSize());
    System.out.println(tally.report());
    return tally;
  }

  /** No job lost or charged twice or completed twice, and the drill's own expectations met. */
  private static void assertPassed(DrillTally tally) {
    assertThat(tally.submitted()).as(tally.report()).isPositive();
    assertThat(tally.lostCount()).as(tally.report()).isZero();
    assertThat(tally.chargedTwiceCount()).as(tally.report()).isZero();
    assertThat(tally.completedTwiceCount()).as(tally.report()).isZero();
    assertThat(tally.problems()).as(tally.report()).isEmpty();
  }
}
