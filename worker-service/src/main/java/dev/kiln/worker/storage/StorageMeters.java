package dev.kiln.worker.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code kiln_storage_requests_total{operation, outcome}} (one per call, retries included: {@code
 * ok} or {@code error} once the last try is over) and {@code kiln_storage_retries_total{operation}}
 * (one per try after a transient failure). The API counts its own calls under the same names.
 */
final class StorageMeters {

  private final MeterRegistry registry;

  StorageMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void finished(String operation, boolean ok) {
    Counter.builder("kiln.storage.requests")
        .description("Object storage calls, by operation and outcome (after retries)")
        .tag("operation", operation)
        .tag("outcome", ok ? "ok" : "error")
        .register(registry)
        .increment();
  }

  void retried(String operation) {
    Counter.builder("kiln.storage.retries")
        .description("Object storage tries repeated after a transient failure")
        .tag("operation", operation)
        .register(registry)
        .increment();
  }
}
