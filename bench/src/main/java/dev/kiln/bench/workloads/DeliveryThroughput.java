package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.webhooks.DeliveryLedger;
import dev.kiln.bench.client.webhooks.WebhookEndpoints;
import dev.kiln.bench.client.webhooks.WebhookReceiver;
import dev.kiln.bench.procs.ResourceMeter;
import dev.kiln.bench.procs.ResourceUsage;
import java.time.Duration;
import java.util.List;

/**
 * The throughput part of {@code webhooks}: K endpoints on one local receiver, all subscribed to
 * every job event, and N tiny jobs submitted as fast as Kiln accepts them (closed loop). Each job
 * gives each endpoint its queued, processing and completed events, so the deliveries are K × 3
 * times the jobs: the API's dispatcher, not the job path, is the bottleneck, and deliveries per
 * second measure it.
 */
final class DeliveryThroughput {

  static final String PART = "throughput: ";
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(10);

  private DeliveryThroughput() {}

  /**
   * One run of the part; its figures and problems go to {@code result}.
   *
   * @return the distinct deliveries received
   */
  static long run(BenchContext context, TinyJob job, int jobs, int endpointCount, RunResult result)
      throws Exception {
    Duration stall = context.options().timeout();
    DeliveryLedger ledger = new DeliveryLedger(DeliveryChecks.REQUIRED);
    try (WebhookReceiver receiver = WebhookReceiver.start(ledger::record);
        WebhookEndpoints endpoints =
            WebhookEndpoints.register(
                context.client(), receiver, ledger, endpointCount, "webhooks throughput")) {
      ResourceMeter meter = ResourceMeter.start(context.processes());
      ClosedLoop.Result submits =
          ClosedLoop.run(
              context.client(),
              jobs,
              context.options().concurrency(32, 4),
              i -> job.body(),
              null,
              SUBMIT_TIMEOUT);
      long expected =
          (long) submits.accepted().size() * endpoints.size() * DeliveryChecks.REQUIRED.size();
      context.progress(
          "webhooks: %d jobs submitted, waiting for %d deliveries",
          submits.accepted().size(), expected);
      long last = DeliveryWait.await(ledger, expected, submits.lastNanos(), stall);
      List<ResourceUsage> usage = meter.stop();
      long received = ledger.unique();
      long first = ledger.firstNanos(last);
      result
          .count(PART + "endpoints", endpoints.size())
          .count(PART + "jobs", jobs)
          .count(PART + "deliveries expected (jobs × endpoints × 3)", expected)
          .count(PART + "deliveries received", received)
          .figure(
              PART + "deliveries/s, first → last receipt", perSecond(received, first, last), "%.0f")
          .figure(
              PART + "deliveries/s, first submit → last receipt",
              perSecond(received, submits.firstNanos(), last),
              "%.0f")
          .figure(PART + "submits/s", submits.perSecond(), "%.0f")
          .figure(
              PART + "last receipt after last submit (s)",
              (last - submits.lastNanos()) / 1e9,
              "%.1f")
          .figure(
              PART + "event → receipt p50 (ms), a backlog",
              ledger.latencies().percentileMillis(50),
              "%.0f")
          .figure(
              PART + "event → receipt p99 (ms), a backlog",
              ledger.latencies().percentileMillis(99),
              "%.0f");
      DeliveryCpu.figures(result, PART, usage, received);
      DeliveryChecks.add(result, PART, ledger, submits.accepted(), stall);
      Outcomes.submitErrors(result, submits);
      return received;
    }
  }

  private static double perSecond(long count, long fromNanos, long toNanos) {
    double seconds = (toNanos - fromNanos) / 1e9;
    return seconds > 0 ? count / seconds : Double.NaN;
  }
}
