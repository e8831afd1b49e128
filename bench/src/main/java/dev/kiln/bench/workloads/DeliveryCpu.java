package dev.kiln.bench.workloads;

import dev.kiln.bench.RunResult;
import dev.kiln.bench.procs.ResourceUsage;
import java.util.List;

/**
 * CPU per delivery over one part of a run: the api (its dispatcher renders, signs and sends),
 * PostgreSQL (claims and outcomes) and all of Kiln.
 */
final class DeliveryCpu {

  private DeliveryCpu() {}

  static void figures(RunResult result, String part, List<ResourceUsage> usage, long deliveries) {
    double api = Double.NaN;
    double postgres = Double.NaN;
    double kiln = Double.NaN;
    for (ResourceUsage process : usage) {
      if (!process.process().kiln() || !process.alive()) {
        continue;
      }
      kiln = (Double.isNaN(kiln) ? 0 : kiln) + process.cpuSeconds();
      switch (process.process().name()) {
        case "api" -> api = process.cpuSeconds();
        case "postgres" -> postgres = process.cpuSeconds();
        default -> {}
      }
    }
    result
        .figure(part + "api CPU ms/delivery", perDelivery(api, deliveries), "%.3f")
        .figure(part + "postgres CPU ms/delivery", perDelivery(postgres, deliveries), "%.3f")
        .figure(part + "Kiln CPU ms/delivery", perDelivery(kiln, deliveries), "%.3f");
  }

  private static double perDelivery(double cpuSeconds, long deliveries) {
    return deliveries == 0 ? Double.NaN : cpuSeconds * 1000 / deliveries;
  }
}
