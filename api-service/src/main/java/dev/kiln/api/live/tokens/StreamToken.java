package dev.kiln.api.live.tokens;

import java.time.Instant;

/**
 * A short-lived credential for one stream of a tenant, made from an API key, that a browser may put
 * in a URL ({@code ?access_token=}) where it cannot send headers (a native EventSource or
 * WebSocket). API keys themselves are never accepted in a URL.
 *
 * @param keyId the API key it was made with: revoking the key ends its tokens
 * @param jobId the one job whose streams it opens; null for every stream of the tenant
 */
public record StreamToken(String tenantId, String keyId, String jobId, Instant expiresAt) {

  /** Whether it opens the streams of {@code streamJobId} (null: the tenant stream). */
  public boolean opens(String streamJobId) {
    return jobId == null || jobId.equals(streamJobId);
  }
}
