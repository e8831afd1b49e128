package dev.kiln.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * One token bucket per API key, in this instance's memory (see docs/decisions.md): a key's bucket
 * is made on its first request and replaced when its policy changes; a key idle for {@link #IDLE}
 * starts again with a full bucket.
 */
@ApplicationScoped
public class RateLimiter {

  static final Duration IDLE = Duration.ofMinutes(10);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private record PolicyBucket(RateLimitPolicy policy, Bucket bucket) {}

  private final Cache<String, PolicyBucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(IDLE).maximumSize(100_000).build();

  /** Takes one request from the key's bucket. */
  public RateLimitDecision acquire(String keyId, RateLimitPolicy policy) {
    PolicyBucket current =
        buckets
            .asMap()
            .compute(
                keyId,
                (id, existing) ->
                    existing != null && existing.policy().equals(policy)
                        ? existing
                        : new PolicyBucket(policy, bucket(policy)));
    ConsumptionProbe probe = current.bucket().tryConsumeAndReturnRemaining(1);
    return new RateLimitDecision(
        policy,
        probe.isConsumed(),
        probe.getRemainingTokens(),
        secondsRoundedUp(probe.getNanosToWaitForReset()),
        secondsRoundedUp(probe.getNanosToWaitForRefill()));
  }

  private static Bucket bucket(RateLimitPolicy policy) {
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(policy.burst())
                    .refillGreedy(policy.perSecond(), Duration.ofSeconds(1)))
        .build();
  }

  private static long secondsRoundedUp(long nanos) {
    return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
  }
}
