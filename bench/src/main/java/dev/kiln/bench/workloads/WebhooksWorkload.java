package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;

/**
 * Webhook delivery: how many deliveries per second one API instance's dispatcher sends to a local
 * receiver ({@link DeliveryThroughput}), and how long an event takes to reach the receiver at a
 * steady rate ({@link DeliveryLatency}). Every delivery is verified with its endpoint's secret and
 * deduplicated on its {@code webhook-id}; lost, duplicate and badly signed deliveries fail the run.
 * The warm-up is the throughput part with fewer jobs, so the dispatcher is warm too.
 */
public final class WebhooksWorkload extends TinyJobWorkload {

  public WebhooksWorkload() {
    super(
        "webhooks",
        "deliveries/s to a local receiver; event → receipt p50/p95/p99 at 100 deliveries/s");
  }

  @Override
  public String describe(BenchContext context) {
    int jobs = jobs(context);
    int endpoints = endpoints(context);
    int rate = rate(context);
    return ("throughput: %d tiny jobs (%d concurrent submitters) whose queued, processing and"
            + " completed events go to %d endpoints (≥ %d deliveries); latency: %d deliveries/s"
            + " (tiny jobs at %.1f/s) to 1 endpoint for %d s. Receiver on 127.0.0.1 in the load"
            + " generator; every delivery verified")
        .formatted(
            jobs,
            context.options().concurrency(32, 4),
            endpoints,
            (long) jobs * endpoints * DeliveryChecks.REQUIRED.size(),
            rate,
            rate / (double) DeliveryChecks.REQUIRED.size(),
            seconds(context));
  }

  @Override
  void warmUp(BenchContext context, TinyJob job) throws Exception {
    int jobs = context.options().warmup(300, 5);
    if (jobs == 0) {
      return;
    }
    context.progress("webhooks: warm-up, %d tiny jobs to %d endpoints", jobs, endpoints(context));
    RunResult warmup = new RunResult("delivery");
    DeliveryThroughput.run(context, job, jobs, endpoints(context), warmup);
    if (!warmup.problems().isEmpty()) {
      throw new IllegalStateException("warm-up: " + warmup.problems());
    }
  }

  @Override
  public RunResult run(BenchContext context) throws Exception {
    RunResult result = new RunResult("delivery");
    long deliveries =
        DeliveryThroughput.run(context, job(), jobs(context), endpoints(context), result);
    context.progress(
        "webhooks: latency part, %d deliveries/s for %d s", rate(context), seconds(context));
    deliveries += DeliveryLatency.run(context, job(), rate(context), seconds(context), result);
    return result.units(deliveries);
  }

  private static int jobs(BenchContext context) {
    return context.options().jobs(1000, 20);
  }

  private static int endpoints(BenchContext context) {
    return context.options().endpoints(10, 10);
  }

  private static int rate(BenchContext context) {
    return context.options().deliveryRate(100, 30);
  }

  private static int seconds(BenchContext context) {
    return context.options().seconds(30, 3);
  }
}
