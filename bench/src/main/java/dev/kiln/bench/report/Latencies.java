package dev.kiln.bench.report;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/** A latency distribution (HdrHistogram, microsecond resolution, up to an hour) in milliseconds. */
public final class Latencies {

  private final Histogram histogram = new SynchronizedHistogram(TimeUnit.HOURS.toMicros(1), 3);

  /** Records one latency; negative values (clock steps) count as zero. */
  public void recordNanos(long nanos) {
    histogram.recordValue(
        Math.min(Math.max(0, nanos / 1000), histogram.getHighestTrackableValue()));
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** The percentile in milliseconds, NaN when empty. */
  public double percentileMillis(double percentile) {
    return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMillis() {
    return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
  }
}
