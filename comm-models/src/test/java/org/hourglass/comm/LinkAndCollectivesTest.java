package org.hourglass.comm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.hourglass.sim.SimTime;
import org.junit.jupiter.api.Test;

/** Links and collectives against their closed forms and the first-principles limit of the link. */
class LinkAndCollectivesTest {
  private static final Link IB = Fabric.H800_DEEPSEEK_V3.infiniband();
  private static final Link NVLINK = Fabric.H800_DEEPSEEK_V3.nvlink();

  @Property
  void noTransferBeatsItsLink(@ForAll @DoubleRange(min = 0, max = 1e11) double bytes) {
    double fastestPs = bytes / IB.bytesPerSecond() * SimTime.PS_PER_S;
    assertTrue(IB.transferPs(bytes) >= fastestPs + IB.latencyPs());
    assertTrue(IB.transferPs(bytes) <= fastestPs + IB.latencyPs() + 1);
  }

  @Test
  void oneGigabyteOverFiftyGigabytesPerSecondTakesTwentyMilliseconds() {
    assertEquals(20 * SimTime.PS_PER_MS + 2 * SimTime.PS_PER_US, IB.transferPs(1e9));
  }

  @Property
  void ringAllReduceMatchesItsClosedForm(@ForAll @IntRange(min = 2, max = 4096) int ranks,
      @ForAll @DoubleRange(min = 1e3, max = 1e10) double bytes) {
    double closedFormPs = 2.0 * (ranks - 1) * IB.latencyPs()
        + 2.0 * (ranks - 1) / ranks * bytes / IB.bytesPerSecond() * SimTime.PS_PER_S;
    long ps = Collectives.ringAllReducePs(IB, ranks, bytes);
    // the closed form in doubles may land a fraction of a picosecond above the integer sum of its rounded terms
    assertTrue(ps >= closedFormPs - 1 && ps <= closedFormPs + 2 * ranks, ps + " vs " + closedFormPs);
  }

  @Property
  void noAllReduceBeatsTheBandwidthLowerBound(@ForAll @IntRange(min = 2, max = 1024) int ranks,
      @ForAll @DoubleRange(min = 1e3, max = 1e10) double bytes) {
    double boundPs = 2.0 * (ranks - 1) / ranks * bytes / IB.bytesPerSecond() * SimTime.PS_PER_S;
    assertTrue(Collectives.ringAllReducePs(IB, ranks, bytes) >= boundPs);
    assertTrue(Collectives.treeAllReducePs(IB, ranks, bytes) >= boundPs);
  }

  @Test
  void treeWinsOnSmallMessagesAndRingOnLargeOnes() {
    assertTrue(Collectives.treeAllReducePs(IB, 256, 1e3) < Collectives.ringAllReducePs(IB, 256, 1e3));
    assertTrue(Collectives.ringAllReducePs(IB, 256, 1e10) < Collectives.treeAllReducePs(IB, 256, 1e10));
    assertEquals(Collectives.ringAllReducePs(IB, 256, 1e3) > 0 ? Collectives.treeAllReducePs(IB, 256, 1e3) : 0,
        Collectives.bestAllReducePs(IB, 256, 1e3));
  }

  @Test
  void aSingleRankCommunicatesNothing() {
    assertEquals(0, Collectives.ringAllReducePs(IB, 1, 1e9));
    assertEquals(0, Collectives.treeAllReducePs(IB, 1, 1e9));
    assertThrows(IllegalArgumentException.class, () -> Collectives.ringAllReducePs(IB, 0, 1e9));
  }

  @Test
  void hierarchicalAllReduceMovesOnlyAnEighthOfTheBufferOverIb() {
    HierarchicalCollectives h = new HierarchicalCollectives(Fabric.H800_DEEPSEEK_V3);
    double bytes = 8e9;
    long hierarchical = h.allReducePs(64, 8, bytes);
    long flatOverIb = Collectives.ringAllReducePs(IB, 64, bytes);
    long ibStage = Collectives.ringAllReducePs(IB, 8, bytes / 8);
    long nvlinkStages = 2 * Collectives.ringReduceScatterPs(NVLINK, 8, bytes);
    assertEquals(ibStage + nvlinkStages, hierarchical);
    assertTrue(hierarchical < flatOverIb, hierarchical + " vs " + flatOverIb);
  }

  @Test
  void zeroOneSyncIsAReduceScatterAndAnAllGather() {
    ZeroOneSync sync = new ZeroOneSync(Fabric.H800_DEEPSEEK_V3);
    ZeroOneSync.DataParallelGroup acrossNodes = new ZeroOneSync.DataParallelGroup(32, 1);
    double gradientBytes = 4e9;
    long rs = sync.gradientReduceScatterPs(acrossNodes, gradientBytes);
    assertEquals(Collectives.ringReduceScatterPs(IB, 32, gradientBytes), rs);
    assertEquals(rs + sync.parameterAllGatherPs(acrossNodes, 2e9), sync.stepPs(acrossNodes, gradientBytes, 2e9));
    assertEquals(Collectives.ringAllReducePs(IB, 32, gradientBytes),
        sync.stepPs(acrossNodes, gradientBytes, gradientBytes));
    assertThrows(IllegalArgumentException.class, () -> new ZeroOneSync.DataParallelGroup(12, 8));
  }
}
