package dev.kiln.api.webhooks;

import dev.kiln.api.db.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Wakes the {@link WebhookDispatcher} when a transaction that wrote deliveries commits: the event
 * trigger notifies channel {@value #CHANNEL}, so a webhook leaves within milliseconds of its event
 * whichever replica recorded it.
 */
@ApplicationScoped
public class WebhookWakeListener {

  static final String CHANNEL = "kiln_webhooks";

  private final PgNotifications notifications;
  private final WebhookDispatcher dispatcher;

  public WebhookWakeListener(PgNotifications notifications, WebhookDispatcher dispatcher) {
    this.notifications = notifications;
    this.dispatcher = dispatcher;
  }

  void start(@Observes StartupEvent event) {
    notifications.listen(CHANNEL, payload -> dispatcher.wake(), dispatcher::wake);
  }
}
