package dev.kiln.bench.client.webhooks;

import java.time.Instant;

/**
 * One webhook POST as the receiver took it in, before any check: the path it came to (which
 * endpoint), its Standard Webhooks headers (null when absent), the exact body bytes and when its
 * last byte arrived.
 *
 * @param path the request path, e.g. {@code /e3}
 * @param webhookId the {@code webhook-id} header: the event id, the same on every attempt
 * @param webhookTimestamp the {@code webhook-timestamp} header: Unix seconds of the attempt
 * @param signature the {@code webhook-signature} header
 * @param body the body as received
 * @param receivedAt the wall clock at receipt, to compare with the event's timestamp
 * @param receivedNanos {@link System#nanoTime()} at receipt, for rates
 */
public record ReceivedDelivery(
    String path,
    String webhookId,
    String webhookTimestamp,
    String signature,
    byte[] body,
    Instant receivedAt,
    long receivedNanos) {}
