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
  void theSoftLimitOfOpenFilesIsRead() {
    String limits =
        "Limit                     Soft Limit           Hard Limit           Units     \n"
            + "Max processes             95000                95000                processes \n"
            + "Max open files            1024                 20000                files     \n";
    assertThat(ProcFs.openFilesLimitOf(limits)).hasValue(1024);
    assertThat(ProcFs.openFilesLimitOf(limits.replace("1024 ", "unlimited"))).isEmpty();
  }

  @Test
  void establishedConnectionsAreCountedOnTheServersSideOfThePort() {
    String tcp =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n"
            + "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0\n"
            + "   1: 0100007F:1F90 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000 0\n"
            + "   2: 0100007F:A1B2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000 0\n"
            + "   3: 0100007F:1F90 0100007F:A1B3 06 00000000:00000000 00:00000000 00000000 0\n";
    String tcp6 =
        "  sl  local_address                         remote_address                        st\n"
            + "   0: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:C350"
            + " 01 00000000:00000000 00:00000000 00000000 0\n";
    // listening (0A), the client's end (local port A1B2) and TIME_WAIT (06) do not count
    assertThat(ProcFs.establishedToOf(tcp, 8080)).isEqualTo(1);
    assertThat(ProcFs.establishedToOf(tcp6, 8080)).isEqualTo(1);
    assertThat(ProcFs.establishedToOf(tcp, 80)).isZero();
  }

  @Test
  void thisProcessCanBeMeasured() {
    long self = ProcessHandle.current().pid();
    assertThat(ProcFs.cpuTicks(self)).isPresent();
    assertThat(ProcFs.statusKib(self, "VmHWM").orElseThrow()).isPositive();
    assertThat(ProcFs.threads(self).orElseThrow()).isPositive();
    assertThat(ProcFs.openFiles(self).orElseThrow()).isPositive();
  }
}
