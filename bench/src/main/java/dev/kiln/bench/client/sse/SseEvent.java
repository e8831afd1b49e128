package dev.kiln.bench.client.sse;

/**
 * One Server-Sent Event as a client dispatches it.
 *
 * @param name its {@code event} field, {@code message} when it had none
 * @param id the last {@code id} the stream gave (empty when none yet)
 * @param data its {@code data} lines joined with line feeds
 */
public record SseEvent(String name, String id, String data) {}
