package dev.kiln.api.live.tokens;

/**
 * The body of {@code POST /v1/stream-tokens}; both optional.
 *
 * @param jobId the one job whose streams the token opens; none: every stream of the account
 * @param ttlSeconds how long the token opens streams (default 300, at most 3600); a stream already
 *     open stays open after that
 */
public record StreamTokenRequest(String jobId, Integer ttlSeconds) {}
