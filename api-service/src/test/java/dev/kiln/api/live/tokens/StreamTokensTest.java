package dev.kiln.api.live.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Stream tokens: what verifies and what does not, without the server. */
class StreamTokensTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private final StreamTokens tokens = new StreamTokens(new byte[32]);

  @Test
  void aTokenVerifiesUntilItExpires() {
    StreamToken issued = new StreamToken("ten_1", "key_1", "job_1", NOW.plusSeconds(300));
    String token = tokens.issue(issued);

    assertThat(token).startsWith("kst_");
    assertThat(tokens.verify(token, NOW)).contains(issued);
    assertThat(tokens.verify(token, NOW.plusSeconds(300))).isEmpty();
  }

  @Test
  void everyOtherSpellingIsRefused() {
    String token = tokens.issue(new StreamToken("ten_1", "key_1", null, NOW.plusSeconds(300)));

    for (int i = "kst_".length(); i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        continue;
      }
      for (char other : new char[] {'A', 'B', 'Q', 'g', 'w', '_'}) {
        if (other != c) {
          String altered = token.substring(0, i) + other + token.substring(i + 1);
          assertThat(tokens.verify(altered, NOW)).as("%s (position %d)", altered, i).isEmpty();
        }
      }
    }
  }
}
