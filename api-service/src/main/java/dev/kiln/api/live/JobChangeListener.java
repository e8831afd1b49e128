package dev.kiln.api.live;

import dev.kiln.api.db.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Listens on PostgreSQL's {@link JobChange#CHANNEL} and hands the changes to the {@link
 * JobChangeHub}. When the connection comes back after a drop, followed jobs are re-read, since
 * notifications sent meanwhile are lost.
 */
@ApplicationScoped
public class JobChangeListener {

  private final PgNotifications notifications;
  private final JobChangeHub hub;

  public JobChangeListener(PgNotifications notifications, JobChangeHub hub) {
    this.notifications = notifications;
    this.hub = hub;
  }

  void start(@Observes StartupEvent event) {
    notifications.listen(
        JobChange.CHANNEL, payload -> hub.publish(JobChange.parse(payload)), hub::resync);
  }
}
