package dev.kiln.bench.procs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KilnProcessesTest {

  @Test
  void aProcessGivenAndFoundIsMeasuredOnceUnderTheGivenName() {
    List<MeasuredProcess> found =
        List.of(
            new MeasuredProcess("api", 10, false, true),
            new MeasuredProcess("postgres", 30, true, true));
    Map<String, Long> given = new LinkedHashMap<>();
    given.put("api-1", 10L);
    given.put("api-2", 20L);

    assertThat(KilnProcesses.withGiven(found, given))
        .extracting(MeasuredProcess::name, MeasuredProcess::pid)
        .containsExactly(tuple("postgres", 30L), tuple("api-1", 10L), tuple("api-2", 20L));
  }
}
