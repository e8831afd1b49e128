package dev.kiln.bench;

import dev.kiln.bench.workloads.EndToEndWorkload;
import dev.kiln.bench.workloads.FairnessWorkload;
import dev.kiln.bench.workloads.ImagesWorkload;
import dev.kiln.bench.workloads.PacedWorkload;
import dev.kiln.bench.workloads.StreamsWorkload;
import dev.kiln.bench.workloads.SubmitWorkload;
import dev.kiln.bench.workloads.WebhooksWorkload;
import java.util.List;
import java.util.Optional;

/** Every workload the tool knows, in the order {@code all} runs them. */
public final class Workloads {

  private Workloads() {}

  public static List<Workload> all() {
    return List.of(
        new SubmitWorkload(),
        new EndToEndWorkload(),
        new PacedWorkload(),
        new ImagesWorkload(),
        new WebhooksWorkload(),
        new FairnessWorkload(),
        new StreamsWorkload());
  }

  public static Optional<Workload> byName(String name) {
    return all().stream().filter(w -> w.name().equals(name)).findFirst();
  }
}
