package dev.kiln.api.webhooks;

import dev.kiln.api.config.WebhooksConfig;
import dev.kiln.api.db.GroupCommit;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes attempts' outcomes in batches ({@link GroupCommit}). An outcome whose write fails is
 * dropped with a warning: its delivery's lease ends and the attempt is made again.
 */
@ApplicationScoped
public class OutcomeWriter {

  static final int MAX_BATCH = 500;

  private final GroupCommit<AttemptOutcome> batches;

  public OutcomeWriter(DeliveryQueue queue, WebhooksConfig config) {
    this.batches =
        new GroupCommit<>(
            MAX_BATCH,
            batch ->
                queue
                    .record(batch, config.disableAfter())
                    .onFailure()
                    .invoke(
                        failure ->
                            Log.warnf(
                                "Webhook outcomes not recorded (%d; their deliveries are retried):"
                                    + " %s",
                                batch.size(), failure.getMessage()))
                    .onFailure()
                    .recoverWithNull());
  }

  void write(AttemptOutcome outcome) {
    batches.add(outcome);
  }
}
