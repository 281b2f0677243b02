package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimTimeAndSpansTest {
  @Test
  void secondsRoundTripThroughPicoseconds() {
    assertEquals(1_500_000_000_000L, SimTime.fromSeconds(1.5));
    assertEquals(1.5, SimTime.toSeconds(1_500_000_000_000L));
    assertThrows(IllegalArgumentException.class, () -> SimTime.fromSeconds(-1));
    assertThrows(IllegalArgumentException.class, () -> SimTime.fromSeconds(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> SimTime.fromSeconds(1e9));
  }

  @Test
  void transfersRoundUpSoNoneBeatsItsLink() {
    // 128 KiB at 160 GB/s: 819.2 ns, so 819,200 ps exactly; 7168 B at 160 GB/s: 44.8 ns
    assertEquals(819_200, SimTime.transferPs(131_072, 160e9));
    assertEquals(44_800, SimTime.transferPs(7_168, 160e9));
    assertEquals(1, SimTime.transferPs(1, 1e13)); // 0.1 ps rounds up, never down to zero
    assertThrows(IllegalArgumentException.class, () -> SimTime.transferPs(1, 0));
  }

  @Test
  void offRecorderKeepsNothing() {
    assertFalse(SpanRecorder.OFF.enabled());
    SpanRecorder.OFF.record(SpanRecorder.OFF.resource("x"), 0, 1, "y"); // must not throw
  }

  @Test
  void spanLogKeepsSpansInOrderWithResourceNames() {
    SpanLog log = new SpanLog();
    int a = log.resource("gpu0/compute");
    int b = log.resource("gpu0/comm");
    assertEquals(a, log.resource("gpu0/compute"));
    log.record(b, 5, 9, "dispatch");
    log.record(a, 0, 5, "attention");
    assertEquals(List.of("gpu0/compute", "gpu0/comm"), log.resources());
    assertEquals(List.of(new SpanLog.Span("gpu0/comm", 5, 9, "dispatch"),
        new SpanLog.Span("gpu0/compute", 0, 5, "attention")), log.spans());
    assertEquals(4, log.spans().get(0).durationPs());
    assertThrows(IllegalArgumentException.class, () -> log.record(a, 9, 5, "backwards"));
  }
}
