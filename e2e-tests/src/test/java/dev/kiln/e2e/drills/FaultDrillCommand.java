package dev.kiln.e2e.drills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.e2e.KilnStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code ./kiln drill <name> [--jobs N] [--seconds S]}: one drill, by default its long version, on
 * a stack of its own. Not an {@code *IT}: failsafe runs it only when named ({@code
 * -Dit.test=FaultDrillCommand -Dkiln.drill=<name>}), which is what the script does.
 */
@EnabledIfSystemProperty(named = "kiln.drill", matches = ".+")
class FaultDrillCommand {

  @Test
  void drill() throws Exception {
    FaultDrill drill = FaultDrills.named(System.getProperty("kiln.drill"));
    DrillSize size =
        new DrillSize(
            Integer.getInteger("kiln.drill.jobs", drill.longSize().jobs()),
            Integer.getInteger("kiln.drill.seconds", drill.longSize().seconds()));
    DrillTally tally;
    try (KilnStack stack = DrillStack.start(drill.workers())) {
      tally = drill.run(stack, size);
    }
    System.out.println("\n" + tally.report());
    assertThat(tally.lostCount()).as(tally.line()).isZero();
    assertThat(tally.chargedTwiceCount()).as(tally.line()).isZero();
    assertThat(tally.completedTwiceCount()).as(tally.line()).isZero();
    assertThat(tally.problems()).as(tally.report()).isEmpty();
  }
}
