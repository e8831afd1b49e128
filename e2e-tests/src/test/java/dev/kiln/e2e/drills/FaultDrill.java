package dev.kiln.e2e.drills;

import dev.kiln.e2e.KilnStack;

/**
 * One fault drill: a fault done to a running stack under load, then the audit of every job it
 * submitted ({@link DrillRun}). A drill leaves the stack running and healthy, so that drills can
 * share one stack.
 */
interface FaultDrill {

  /** The name {@code ./kiln drill} knows it by. */
  String name();

  /** Its short version, run by {@code FaultDrillsIT} in CI. */
  DrillSize shortSize();

  /** Its long version, the default of {@code ./kiln drill <name>}. */
  DrillSize longSize();

  /** Worker instances the drill's stack runs; drills with fewer use every worker there is. */
  default int workers() {
    return 1;
  }

  /**
   * Runs the drill on {@code stack} (started, with at least {@link #workers()} workers) and answers
   * its tally; the expectations that failed are the tally's problems.
   */
  DrillTally run(KilnStack stack, DrillSize size) throws Exception;
}
