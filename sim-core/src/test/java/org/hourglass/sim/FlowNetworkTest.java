package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowNetworkTest {
  private static final double GBPS = 1e9; // bytes per second

  private final Simulation simulation = new Simulation();
  private final FlowNetwork network = new FlowNetwork(simulation);
  private final Map<Long, Long> completionPs = new HashMap<>();
  private final EventHandler recordCompletion = tag -> completionPs.put(tag, simulation.nowPs());

  private long start(double bytes, long tag, int... path) {
    return network.startFlow(path, bytes, recordCompletion, tag);
  }

  @Test
  void twoFlowsOnOneLinkGetHalfEachAndFinishAtTwiceTheLoneTime() {
    int link = network.addLink("link", 1 * GBPS);
    long a = start(1e6, 0, link);
    long b = start(1e6, 1, link);
    simulation.runUntil(0);
    assertEquals(0.5 * GBPS, network.rateBytesPerSecond(a));
    assertEquals(0.5 * GBPS, network.rateBytesPerSecond(b));
    simulation.run();
    long closedFormPs = 2 * SimTime.transferPs(1e6, 1 * GBPS);
    assertEquals(closedFormPs, completionPs.get(0L));
    assertEquals(closedFormPs, completionPs.get(1L));
  }

  @Test
  void bottleneckLimitsOneFlowAndLeavesTheRestOfTheSharedLinkToTheOthers() {
    int shared = network.addLink("shared", 1 * GBPS);
    int narrow = network.addLink("narrow", 0.1 * GBPS);
    long limited = start(1e9, 0, shared, narrow);
    long other1 = start(1e9, 1, shared);
    long other2 = start(1e9, 2, shared);
    simulation.runUntil(0);
    assertEquals(0.1 * GBPS, network.rateBytesPerSecond(limited), 1e-6);
    assertEquals(0.45 * GBPS, network.rateBytesPerSecond(other1), 1e-6);
    assertEquals(0.45 * GBPS, network.rateBytesPerSecond(other2), 1e-6);
  }

  /**
   * Three links: a crosses L0 and L1, b only L0, c crosses L1 and L2, d only L2 (0.3 GB/s). L2 is
   * the first bottleneck (c = d = 0.15), then L0 (a = b = 0.5); L1 carries 0.65 of its 1.0 and is
   * nobody's bottleneck.
   */
  @Test
  void threeLinkExampleHasTheTextbookRatesAndAnUnsaturatedMiddleLink() {
    int l0 = network.addLink("L0", 1 * GBPS);
    int l1 = network.addLink("L1", 1 * GBPS);
    int l2 = network.addLink("L2", 0.3 * GBPS);
    long a = start(1e9, 0, l0, l1);
    long b = start(1e9, 1, l0);
    long c = start(1e9, 2, l1, l2);
    long d = start(1e9, 3, l2);
    simulation.runUntil(0);
    assertEquals(0.5 * GBPS, network.rateBytesPerSecond(a), 1e-6);
    assertEquals(0.5 * GBPS, network.rateBytesPerSecond(b), 1e-6);
    assertEquals(0.15 * GBPS, network.rateBytesPerSecond(c), 1e-6);
    assertEquals(0.15 * GBPS, network.rateBytesPerSecond(d), 1e-6);
  }

  /**
   * Three flows of 1, 2 and 7 MB on one 3 GB/s link: all run at 1 GB/s until the first ends at
   * 1 ms; the other two then run at 1.5 GB/s, so the second ends 1 MB / 1.5 GB/s later, and the
   * third runs alone at 3 GB/s for its last 5 MB.
   */
  @Test
  void departingFlowsSpeedTheOthersUpAtExactlyTheRightTime() {
    int link = network.addLink("link", 3 * GBPS);
    start(1e6, 0, link);
    long second = start(2e6, 1, link);
    start(7e6, 2, link);
    double firstEndS = 1e6 / 1e9;
    double secondEndS = firstEndS + 1e6 / 1.5e9;
    double thirdEndS = secondEndS + 5e6 / 3e9;
    simulation.runUntil(SimTime.fromSeconds(firstEndS));
    simulation.runUntil(simulation.nowPs()); // the recompute that follows the departure
    assertEquals(1.5 * GBPS, network.rateBytesPerSecond(second), 1e-6);
    simulation.run();
    assertEquals(firstEndS * SimTime.PS_PER_S, completionPs.get(0L), 1.0);
    assertEquals(secondEndS * SimTime.PS_PER_S, completionPs.get(1L), 1.0);
    assertEquals(thirdEndS * SimTime.PS_PER_S, completionPs.get(2L), 1.0);
  }

  @Test
  void completionTimesRoundUpToTheNextPicosecond() {
    int link = network.addLink("link", 3 * GBPS);
    start(1, 0, link); // 666.67 ps at 1.5 GB/s
    start(1000, 1, link);
    simulation.run();
    assertEquals(667L, completionPs.get(0L));
    double workConservingEndPs = 1001 / (3 * GBPS) * SimTime.PS_PER_S; // 333,666.67 ps
    assertTrue(completionPs.get(1L) >= workConservingEndPs);
    assertEquals(workConservingEndPs, completionPs.get(1L), 1.0);
  }

  @Test
  void latencyOfEveryLinkOnThePathIsWaitedOnceBeforeSharing() {
    int first = network.addLink("first", 1 * GBPS, 700_000L);
    int second = network.addLink("second", 2 * GBPS, 300_000L);
    long flow = start(1e6, 0, first, second);
    simulation.runUntil(999_999L);
    assertEquals(0.0, network.rateBytesPerSecond(flow));
    simulation.run();
    assertEquals(1_000_000L + SimTime.transferPs(1e6, 1 * GBPS), completionPs.get(0L));
  }

  @Test
  void zeroByteFlowsCompleteAfterTheLatencyAlone() {
    int slow = network.addLink("slow", 1 * GBPS, 5_000L);
    int fast = network.addLink("fast", 1 * GBPS);
    start(0, 0, slow);
    start(0, 1, fast);
    simulation.run();
    assertEquals(5_000L, completionPs.get(0L));
    assertEquals(0L, completionPs.get(1L));
    assertEquals(0, network.activeFlowCount());
  }

  @Test
  void arrivalsAtOneInstantShareOneRecompute() {
    int link = network.addLink("link", 1 * GBPS);
    for (int flow = 0; flow < 1000; flow++) {
      start(1e3, flow, link);
    }
    simulation.run();
    assertEquals(1000, completionPs.size());
    assertEquals(2, network.recomputeCount(), "one for the arrivals, one for the departures");
    assertEquals(1000 * SimTime.transferPs(1e3, 1 * GBPS), completionPs.get(999L), 1.0);
  }

  @Test
  void cancelledFlowNeverCompletesAndReleasesItsShare() {
    int link = network.addLink("link", 1 * GBPS);
    long cancelled = start(1e6, 0, link);
    long kept = start(1e6, 1, link);
    simulation.schedule(SimTime.PS_PER_US, tag -> { });
    simulation.runUntil(SimTime.PS_PER_US);
    assertTrue(network.cancelFlow(cancelled));
    assertFalse(network.cancelFlow(cancelled));
    simulation.run();
    assertFalse(completionPs.containsKey(0L));
    assertFalse(network.inFlight(kept));
    double keptEndS = 1e-6 + (1e6 - 0.5e9 * 1e-6) / 1e9;
    assertEquals(keptEndS * SimTime.PS_PER_S, completionPs.get(1L), 1.0);
    assertEquals(1e6 + 0.5e9 * 1e-6, network.bytesCarried(link), 1e-3);
  }

  @Test
  void flowsChainedFromHandlersStartAtTheCompletionInstant() {
    int link = network.addLink("link", 1 * GBPS);
    network.startFlow(new int[] {link}, 1e6, tag -> start(1e6, 7, link), 0);
    simulation.run();
    assertEquals(2 * SimTime.transferPs(1e6, 1 * GBPS), completionPs.get(7L));
    assertEquals(2e6, network.bytesDelivered());
    assertEquals(2, network.flowsCompleted());
  }

  @Test
  void remainingBytesAndCarriedBytesReadMidTransfer() {
    int link = network.addLink("link", 1 * GBPS);
    long flow = start(1e6, 0, link);
    simulation.schedule(SimTime.PS_PER_US * 250, tag -> { });
    simulation.runUntil(SimTime.PS_PER_US * 250);
    assertEquals(0.75e6, network.remainingBytes(flow), 1e-6);
    assertEquals(0.25e6, network.bytesCarried(link), 1e-6);
  }

  @Test
  void badArgumentsAreRefusedWithTheReason() {
    int link = network.addLink("link", 1 * GBPS);
    assertThrows(IllegalArgumentException.class, () -> network.addLink("zero", 0));
    assertThrows(IllegalArgumentException.class, () -> network.addLink("negative", -1));
    assertThrows(IllegalArgumentException.class, () -> network.addLink("nan", Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> network.addLink("late", 1, -1));
    assertThrows(IllegalArgumentException.class, () -> start(1, 0));
    assertThrows(IllegalArgumentException.class, () -> network.startFlow(null, 1, recordCompletion, 0));
    assertThrows(IllegalArgumentException.class, () -> start(1, 0, link + 1));
    assertThrows(IllegalArgumentException.class, () -> start(1, 0, link, link));
    assertThrows(IllegalArgumentException.class, () -> start(-1, 0, link));
    assertThrows(IllegalArgumentException.class, () -> start(Double.NaN, 0, link));
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> start(1, 0));
    assertTrue(empty.getMessage().contains("path"));
    assertThrows(IllegalArgumentException.class, () -> network.rateBytesPerSecond(12345L));
  }
}
