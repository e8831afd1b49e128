package dev.kiln.api.live.tokens;

import java.time.Instant;

/**
 * A stream token as created: give it as {@code ?access_token=} to {@code GET /v1/events}, {@code
 * GET /v1/jobs/{id}/events} or their WebSocket twins.
 *
 * @param jobId the job it is limited to, or null for every stream of the account
 */
public record StreamTokenView(String object, String token, String jobId, Instant expiresAt) {}
