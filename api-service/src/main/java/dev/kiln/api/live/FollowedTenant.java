package dev.kiln.api.live;

import dev.kiln.api.jobs.Job;
import dev.kiln.api.jobs.JobService;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One live stream of all of a tenant's job changes: collects the ids that changed and re-reads them
 * in batches, one batch at a time on the stream's Vert.x context.
 */
final class FollowedTenant implements JobChangeHub.Follower {

  private static final int BATCH = 100;

  private final JobService jobs;
  private final String tenantId;
  private final Context context;
  private final MultiEmitter<? super Job> emitter;
  private final Set<String> pending = new LinkedHashSet<>();
  private boolean reading;

  FollowedTenant(
      JobService jobs, String tenantId, Context context, MultiEmitter<? super Job> emitter) {
    this.jobs = jobs;
    this.tenantId = tenantId;
    this.context = context;
    this.emitter = emitter;
  }

  @Override
  public void changed(List<String> jobIds) {
    context.runOnContext(
        ignored -> {
          pending.addAll(jobIds);
          read();
        });
  }

  private void read() {
    if (reading || pending.isEmpty() || emitter.isCancelled()) {
      return;
    }
    reading = true;
    List<String> batch = new ArrayList<>(Math.min(BATCH, pending.size()));
    var it = pending.iterator();
    while (it.hasNext() && batch.size() < BATCH) {
      batch.add(it.next());
      it.remove();
    }
    jobs.findAll(tenantId, batch)
        .subscribe()
        .with(
            found -> {
              reading = false;
              found.forEach(emitter::emit);
              read();
            },
            failure -> {
              reading = false;
              emitter.fail(failure);
            });
  }
}
