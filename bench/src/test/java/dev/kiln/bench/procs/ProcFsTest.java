package dev.kiln.bench.procs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFsTest {

  @Test
  void cpuTicksAreUtimePlusStimeEvenWithSpacesInTheName() {
    String stat =
        "1234 (java main) S 1 1234 1234 0 -1 4194560 5000 0 0 0 250 75 0 0 20 0 40 0 100 0 0";
    assertThat(ProcFs.cpuTicksOf(stat)).hasValue(325);
  }

  @Test
  void machineBusyTimeLeavesOutIdleAndIoWait() {
    String cpu = "cpu  100 5 50 9000 40 3 2 1 0 0";
    assertThat(ProcFs.machineBusyTicksOf(cpu)).hasValue(100 + 5 + 50 + 3 + 2 + 1);
  }

  @Test
  void kibLinesAreRead() {
    String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  412345 kB\nVmRSS:\t 400000 kB\n";
    assertThat(ProcFs.kibOf(status, "VmHWM")).hasValue(412_345);
    assertThat(ProcFs.kibOf(status, "Pss")).isEmpty();
  }

  @Test
  void thisProcessCanBeMeasured() {
    long self = ProcessHandle.current().pid();
    assertThat(ProcFs.cpuTicks(self)).isPresent();
    assertThat(ProcFs.statusKib(self, "VmHWM").orElseThrow()).isPositive();
  }
}
