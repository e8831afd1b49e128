package dev.kiln.client.sse;

/**
 * One Server-Sent Event.
 *
 * @param id its {@code id:}, null when it had none
 * @param event its {@code event:} type ({@code message} when it named none)
 * @param data its {@code data:} lines joined by newlines
 */
public record SseEvent(String id, String event, String data) {}
