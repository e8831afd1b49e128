package dev.kiln.api.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Counts the API's S3 calls under the worker's names: {@code kiln_storage_requests_total{operation,
 * outcome}} once per call (after the SDK's own retries) and {@code kiln_storage_retries_total} for
 * each try after the first. Registered through {@code quarkus.s3.interceptors}.
 */
@ApplicationScoped
public class StorageMetersInterceptor implements ExecutionInterceptor {

  private static final ExecutionAttribute<AtomicInteger> TRIES =
      new ExecutionAttribute<>("kiln.storage.tries");

  private final MeterRegistry registry;

  public StorageMetersInterceptor(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    AtomicInteger tries = attributes.getAttribute(TRIES);
    if (tries == null) {
      attributes.putAttribute(TRIES, new AtomicInteger(1));
    } else if (tries.incrementAndGet() > 1) {
      Counter.builder("kiln.storage.retries")
          .description("Object storage tries repeated after a transient failure")
          .tag("operation", operation(context.request()))
          .register(registry)
          .increment();
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    finished(operation(context.request()), "ok");
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    finished(operation(context.request()), "error");
  }

  private void finished(String operation, String outcome) {
    Counter.builder("kiln.storage.requests")
        .description("Object storage calls, by operation and outcome (after retries)")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  private static String operation(Object request) {
    if (request instanceof GetObjectRequest) {
      return "get";
    }
    if (request instanceof PutObjectRequest) {
      return "put";
    }
    return request.getClass().getSimpleName();
  }
}
