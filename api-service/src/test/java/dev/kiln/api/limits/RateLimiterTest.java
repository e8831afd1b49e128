package dev.kiln.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.config.RateLimitConfig;
import org.junit.jupiter.api.Test;

/** Which limit a key gets, and what its bucket answers. */
class RateLimiterTest {

  private static final RateLimitConfig DEFAULTS =
      new RateLimitConfig() {
        @Override
        public int perSecond() {
          return 50;
        }

        @Override
        public int burst() {
          return 100;
        }
      };

  @Test
  void aTenantWithoutLimitsGetsTheDefaults() {
    assertThat(RateLimitPolicy.of(null, null, DEFAULTS)).isEqualTo(new RateLimitPolicy(50, 100));
    assertThat(RateLimitPolicy.of(null, null, DEFAULTS).header()).isEqualTo("100;w=2");
  }

  @Test
  void aTenantsOwnRateAndBurstWin() {
    assertThat(RateLimitPolicy.of(5, 7, DEFAULTS)).isEqualTo(new RateLimitPolicy(5, 7));
    assertThat(RateLimitPolicy.of(5, null, DEFAULTS)).isEqualTo(new RateLimitPolicy(5, 10));
    assertThat(RateLimitPolicy.of(null, 7, DEFAULTS)).isEqualTo(new RateLimitPolicy(50, 7));
    assertThat(RateLimitPolicy.of(0, 7, DEFAULTS).unlimited()).isTrue();
  }

  @Test
  void aBucketAllowsItsBurstThenRefusesWithRetryAfter() {
    RateLimiter limiter = new RateLimiter();
    RateLimitPolicy policy = new RateLimitPolicy(1, 2);

    RateLimitDecision first = limiter.acquire("key_a", policy);
    RateLimitDecision second = limiter.acquire("key_a", policy);
    RateLimitDecision third = limiter.acquire("key_a", policy);

    assertThat(first.allowed()).isTrue();
    assertThat(first.headers())
        .containsEntry("RateLimit", "limit=2, remaining=1, reset=1")
        .containsEntry("RateLimit-Policy", "2;w=2");
    assertThat(second.allowed()).isTrue();
    assertThat(third.allowed()).isFalse();
    assertThat(third.retryAfter()).isEqualTo(1);
    assertThat(third.headers()).containsEntry("RateLimit", "limit=2, remaining=0, reset=2");
    assertThat(limiter.acquire("key_b", policy).allowed()).isTrue();
  }

  @Test
  void aChangedPolicyStartsAFreshBucket() {
    RateLimiter limiter = new RateLimiter();
    limiter.acquire("key_a", new RateLimitPolicy(1, 1));
    assertThat(limiter.acquire("key_a", new RateLimitPolicy(1, 1)).allowed()).isFalse();

    assertThat(limiter.acquire("key_a", new RateLimitPolicy(10, 20)).remaining()).isEqualTo(19);
  }
}
