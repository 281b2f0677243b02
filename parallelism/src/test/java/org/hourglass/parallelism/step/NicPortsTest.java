package org.hourglass.parallelism.step;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Sharing of a GPU's InfiniBand ports between all-to-alls and hand-offs, against the two-class processor-sharing closed forms. */
class NicPortsTest {
  private static final long US = 1_000_000L;

  @Test
  void aHandoffAloneTakesItsTransferAndLatency() {
    NicPorts ports = new NicPorts(4);
    int id = ports.handoffStarts(0, 1, 10 * US, 5 * US, 2 * US, 42);
    assertEquals(17 * US, ports.arrivalPs(id));
    assertEquals(42, ports.arrived(id));
  }

  @Test
  void aShortHandoffInsideAnAllToAllGetsHalfThePortAndDelaysItByItsOwnLength() {
    NicPorts ports = new NicPorts(2);
    assertEquals(0, ports.allToAllStarts(0, 2, 0, 100 * US));
    int id = ports.handoffStarts(0, 1, 10 * US, 20 * US, 0, 0);
    assertEquals(10 * US + 2 * 20 * US, ports.arrivalPs(id), "half the rate for its 20 us");
    assertEquals(120 * US, ports.allToAllUntilPs(NicPorts.sendPort(0)), "the sender's all-to-all streams 20 us longer");
    assertEquals(120 * US, ports.allToAllUntilPs(NicPorts.receivePort(1)), "and so does the receiver's");
    assertEquals(100 * US, ports.allToAllUntilPs(NicPorts.receivePort(0)), "a port the hand-off does not use is untouched");
  }

  @Test
  void aLongHandoffOutlastsTheAllToAllAndEndsAsTheirBytesAtFullRate() {
    NicPorts ports = new NicPorts(2);
    ports.allToAllStarts(0, 2, 0, 30 * US);
    int id = ports.handoffStarts(0, 1, 10 * US, 50 * US, 0, 0);
    // 20 us of all-to-all left: both share for 40 us, then the hand-off streams alone
    assertEquals(10 * US + 20 * US + 50 * US, ports.arrivalPs(id));
    assertEquals(50 * US, ports.allToAllUntilPs(NicPorts.sendPort(0)));
  }

  @Test
  void handoffsOnOnePortStreamOneAfterAnother() {
    NicPorts ports = new NicPorts(3);
    int first = ports.handoffStarts(0, 1, 0, 10 * US, US, 0);
    int second = ports.handoffStarts(0, 2, 0, 10 * US, US, 0);
    assertEquals(11 * US, ports.arrivalPs(first));
    assertEquals(21 * US, ports.arrivalPs(second));
  }

  @Test
  void anAllToAllThatStartsUnderAHandoffIsDelayedAndDelaysIt() {
    NicPorts ports = new NicPorts(2);
    int id = ports.handoffStarts(0, 1, 0, 40 * US, 0, 0);
    long delay = ports.allToAllStarts(0, 2, 10 * US, 100 * US); // 30 us of hand-off left on both its ports
    assertEquals(30 * US, delay);
    assertEquals(140 * US, ports.allToAllUntilPs(NicPorts.sendPort(0)));
    assertEquals(70 * US, ports.arrivalPs(id), "30 us left, at half the rate");
  }

  /**
   * Work conservation: when a hand-off and an all-to-all overlap on a port, the later of the two
   * ends when their bytes at the full rate would, counted from the earlier start; when they do not
   * overlap, neither moves.
   */
  @Property(tries = 300)
  void thePortNeverIdlesWhileEitherHasBytesLeft(@ForAll @LongRange(min = 0, max = 100) long allToAllStartUs,
      @ForAll @LongRange(min = 1, max = 100) long allToAllUs, @ForAll @LongRange(min = 0, max = 100) long handoffStartUs,
      @ForAll @LongRange(min = 1, max = 100) long handoffUs, @ForAll boolean allToAllFirst) {
    long a0 = allToAllStartUs * US;
    long h0 = handoffStartUs * US;
    if (allToAllFirst ? h0 < a0 : a0 < h0) { // events arrive in time order
      return;
    }
    NicPorts ports = new NicPorts(2);
    int id;
    if (allToAllFirst) {
      ports.allToAllStarts(0, 1, a0, allToAllUs * US);
      id = ports.handoffStarts(0, 1, h0, handoffUs * US, 0, 0);
    } else {
      id = ports.handoffStarts(0, 1, h0, handoffUs * US, 0, 0);
      ports.allToAllStarts(0, 1, a0, allToAllUs * US);
    }
    long allToAllEnd = ports.allToAllUntilPs(NicPorts.sendPort(0));
    long handoffEnd = ports.arrivalPs(id);
    boolean overlap = Math.max(a0, h0) < Math.min(a0 + allToAllUs * US, h0 + handoffUs * US);
    if (overlap) {
      assertEquals(Math.min(a0, h0) + (allToAllUs + handoffUs) * US, Math.max(allToAllEnd, handoffEnd));
    } else {
      assertEquals(a0 + allToAllUs * US, allToAllEnd);
      assertEquals(h0 + handoffUs * US, handoffEnd);
    }
  }
}
