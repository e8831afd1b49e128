package dev.kiln.model.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdsTest {

  @AfterEach
  void restoreClock() {
    Ids.useClock(Clock.systemUTC());
  }

  @Test
  void idsArePrefixedWellFormedAndUnique() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 10_000; i++) {
      String id = Ids.job();
      assertThat(Ids.isValid(Ids.JOB, id)).as(id).isTrue();
      assertThat(seen.add(id)).isTrue();
    }
    assertThat(Ids.media()).startsWith("med_").hasSize(30);
  }

  @Test
  void idsSortByCreationTime() {
    List<String> ids = new ArrayList<>();
    for (long millis : new long[] {1_000L, 2_000L, 1_700_000_000_000L, 4_000_000_000_000L}) {
      Ids.useClock(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
      ids.add(Ids.job());
    }
    assertThat(ids).isSorted();
  }

  @Test
  void rejectsForeignOrMangledIds() {
    String id = Ids.job();
    assertThat(Ids.isValid(Ids.MEDIA, id)).isFalse();
    assertThat(Ids.isValid(Ids.JOB, id.substring(0, id.length() - 1))).isFalse();
    assertThat(Ids.isValid(Ids.JOB, id.substring(0, id.length() - 1) + "U")).isFalse();
    assertThat(Ids.isValid(Ids.JOB, null)).isFalse();
    assertThat(Ids.isValid(Ids.JOB, "job_../../etc/passwd")).isFalse();
  }
}
