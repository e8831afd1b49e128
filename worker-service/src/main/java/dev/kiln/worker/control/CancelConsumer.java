package dev.kiln.worker.control;

import dev.kiln.model.jobs.CancelJob;
import dev.kiln.model.kafka.Topics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every cancel command: each worker instance has its own consumer group (see {@code
 * application.properties}), so a cancel reaches the instance running the job, wherever it is.
 */
@ApplicationScoped
public class CancelConsumer {

  private final CancelRegistry cancels;

  public CancelConsumer(CancelRegistry cancels) {
    this.cancels = cancels;
  }

  @Incoming(Topics.JOB_CONTROL)
  public void onCancel(CancelJob cancel) {
    if (cancel == null || cancel.jobId() == null) {
      return; // malformed, logged by the deserializer
    }
    cancels.cancel(cancel.jobId());
    Log.debugf("job %s: cancel received", cancel.jobId());
  }
}
