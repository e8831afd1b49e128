package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.webhooks.DeliveryLedger;
import dev.kiln.bench.client.webhooks.WebhookEndpoints;
import dev.kiln.bench.client.webhooks.WebhookReceiver;
import dev.kiln.bench.procs.ResourceMeter;
import dev.kiln.bench.procs.ResourceUsage;
import dev.kiln.bench.report.Latencies;
import java.time.Duration;
import java.util.List;

/**
 * The latency part of {@code webhooks}: one endpoint subscribed to every job event and tiny jobs
 * submitted on a schedule at a third of the delivery rate (each job gives about three deliveries).
 * Latency is from the event's {@code timestamp} in the body (when Kiln's database wrote the event)
 * to the receipt of its delivery, both read from this machine's clock.
 */
final class DeliveryLatency {

  static final String PART = "latency: ";

  private DeliveryLatency() {}

  /**
   * One run of the part; its figures and problems go to {@code result}.
   *
   * @param rate deliveries per second
   * @return the distinct deliveries received
   */
  static long run(BenchContext context, TinyJob job, int rate, int seconds, RunResult result)
      throws Exception {
    Duration stall = context.options().timeout();
    double jobsPerSecond = rate / (double) DeliveryChecks.REQUIRED.size();
    int jobs = (int) Math.max(1, Math.round(jobsPerSecond * seconds));
    DeliveryLedger ledger = new DeliveryLedger(DeliveryChecks.REQUIRED);
    try (WebhookReceiver receiver = WebhookReceiver.start(ledger::record);
        WebhookEndpoints endpoints =
            WebhookEndpoints.register(context.client(), receiver, ledger, 1, "webhooks latency")) {
      ResourceMeter meter = ResourceMeter.start(context.processes());
      OpenLoop.Result submits =
          OpenLoop.run(context.client(), jobs, jobsPerSecond, job::body, stall);
      long expected = (long) submits.accepted().size() * DeliveryChecks.REQUIRED.size();
      long last = DeliveryWait.await(ledger, expected, submits.lastSendNanos(), stall);
      List<ResourceUsage> usage = meter.stop();
      long received = ledger.unique();
      double receivedSeconds = (last - ledger.firstNanos(last)) / 1e9;
      result
          .count(PART + "target deliveries/s", rate)
          .count(PART + "jobs (target / 3 per second)", jobs)
          .count(PART + "deliveries received", received)
          .figure(
              PART + "deliveries/s, first → last receipt",
              receivedSeconds > 0 ? received / receivedSeconds : Double.NaN,
              "%.0f")
          .figure(
              PART + "event → receipt p50 (ms)", ledger.latencies().percentileMillis(50), "%.1f")
          .figure(
              PART + "event → receipt p95 (ms)", ledger.latencies().percentileMillis(95), "%.1f")
          .figure(
              PART + "event → receipt p99 (ms)", ledger.latencies().percentileMillis(99), "%.1f")
          .figure(PART + "event → receipt max (ms)", ledger.latencies().maxMillis(), "%.1f");
      for (String type : DeliveryChecks.REQUIRED) {
        Latencies latencies = ledger.latencies(type);
        result
            .figure(PART + type + " → receipt p50 (ms)", latencies.percentileMillis(50), "%.1f")
            .figure(PART + type + " → receipt p99 (ms)", latencies.percentileMillis(99), "%.1f");
      }
      DeliveryCpu.figures(result, PART, usage, received);
      DeliveryChecks.add(result, PART, ledger, submits.accepted(), stall);
      Outcomes.submitErrors(result, submits.errors(), submits.errorSamples());
      return received;
    }
  }
}
