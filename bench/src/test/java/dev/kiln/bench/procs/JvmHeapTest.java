package dev.kiln.bench.procs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmHeapTest {

  @Test
  void g1TellsTheWholeHeap() {
    String info =
        """
        4887:
         garbage-first heap   total reserved 6172672K, committed 122880K, used 61759K [0x0, 0x1)
          region size 4096K, 10 young (40960K), 2 survivors (8192K)
         Metaspace       used 80123K, committed 81000K, reserved 1114112K
          class space    used 9000K, committed 9500K, reserved 1048576K
        """;
    assertThat(JvmHeap.usedKibOf(info)).hasValue(61_759);
  }

  @Test
  void generationsAreAddedUp() {
    String serial =
        """
         def new generation   total 157248K, used 11199K [0x0, 0x1, 0x2)
          eden space 139776K,   8% used [0x0, 0x1, 0x2)
         tenured generation   total 349568K, used 36036K [0x0, 0x1, 0x2)
           the space 349568K,  10% used [0x0, 0x1, 0x2, 0x3)
         Metaspace       used 500K, committed 600K, reserved 1056768K
        """;
    assertThat(JvmHeap.usedKibOf(serial)).hasValue(11_199 + 36_036);
  }

  @Test
  void otherUnitsAndOrdersAreRead() {
    assertThat(JvmHeap.usedKibOf(" ZHeap           used 12M, capacity 64M, max capacity 6144M"))
        .hasValue(12 * 1024);
    assertThat(
            JvmHeap.usedKibOf(
                "Shenandoah Heap\n 6291456K max, 262144K soft max, 262144K committed, 2G used"))
        .hasValue(2 * 1024 * 1024);
    assertThat(JvmHeap.usedKibOf("4887:\nNo heap here")).isEmpty();
  }
}
