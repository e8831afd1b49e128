package dev.kiln.e2e.drills;

/**
 * How big a drill is.
 *
 * @param jobs the jobs it submits (at least; a load that must outlast the fault submits more)
 * @param seconds how long its fault lasts (an outage), or over how many seconds its load spreads
 *     the jobs; a drill whose fault is an instant (a kill) ignores it
 */
record DrillSize(int jobs, int seconds) {

  DrillSize {
    if (jobs < 1 || seconds < 1) {
      throw new IllegalArgumentException("jobs and seconds must be at least 1");
    }
  }
}
