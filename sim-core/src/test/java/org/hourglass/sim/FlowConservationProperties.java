package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Whole runs of random flows, started at random times over random links with latencies, some
 * starting follow-up flows from their completion handlers: every byte sent is delivered and counted
 * on each link it crossed, no link ever carries more than its capacity allows in any interval, no
 * flow beats its bottleneck, and a run is reproducible bit for bit.
 */
class FlowConservationProperties {
  private static final long WINDOW_PS = SimTime.PS_PER_MS;
  private static final int FLOWS = 60;

  @Property(tries = 100)
  void everyByteSentIsDeliveredAndCountedOnEachLinkItCrossed(@ForAll long seed) {
    RandomRun run = new RandomRun(seed, FLOWS);
    run.simulation.run();
    assertEquals(0, run.network.activeFlowCount());
    assertEquals(run.flowsStarted, run.network.flowsCompleted());
    assertEquals(run.bytesSent, run.network.bytesDelivered(), run.bytesSent * 1e-12);
    for (int link = 0; link < run.network.linkCount(); link++) {
      double expected = run.linkBytesSent[link];
      assertEquals(expected, run.network.bytesCarried(link), expected * 1e-9 + 1e-6, "link " + link);
    }
  }

  @Property(tries = 100)
  void noLinkCarriesMoreThanItsCapacityInAnyInterval(@ForAll long seed) {
    RandomRun run = new RandomRun(seed, FLOWS);
    int links = run.network.linkCount();
    double[] carriedBefore = new double[links];
    long beforePs = 0;
    for (long probePs = WINDOW_PS / 64; run.simulation.pendingCount() > 0; probePs += WINDOW_PS / 64) {
      run.simulation.scheduleAt(probePs, ignored -> { }, 0);
      run.simulation.runUntil(probePs);
      for (int link = 0; link < links; link++) {
        double carried = run.network.bytesCarried(link);
        double allowed = run.network.capacityBytesPerSecond(link) * SimTime.toSeconds(probePs - beforePs);
        double roundingBytes = 1e-12 * carried + 1e-6; // the running sum's floating-point error
        assertTrue(carried - carriedBefore[link] <= allowed * (1 + 1e-9) + roundingBytes, "link " + link + " at " + probePs);
        carriedBefore[link] = carried;
      }
      beforePs = probePs;
    }
    assertEquals(run.flowsStarted, run.network.flowsCompleted());
  }

  @Property(tries = 100)
  void noFlowFinishesBeforeItsBytesCouldCrossItsNarrowestLink(@ForAll long seed) {
    RandomRun run = new RandomRun(seed, FLOWS);
    run.simulation.run();
    for (int flow = 0; flow < FLOWS; flow++) {
      double narrowest = Double.MAX_VALUE;
      long latencyPs = 0;
      for (int link : run.paths[flow]) {
        narrowest = Math.min(narrowest, run.network.capacityBytesPerSecond(link));
        latencyPs += run.latencyPs[link];
      }
      long earliestPs = run.startPs[flow] + latencyPs + SimTime.transferPs(run.bytes[flow], narrowest);
      assertTrue(run.endPs[flow] >= earliestPs - 1, "flow " + flow + " ended at " + run.endPs[flow] + " < " + earliestPs);
    }
  }

  @Property(tries = 30)
  void identicalRunsGiveIdenticalCompletionSequences(@ForAll long seed) {
    RandomRun first = new RandomRun(seed, 300);
    RandomRun second = new RandomRun(seed, 300);
    RandomRun other = new RandomRun(seed ^ 0x5DEECE66DL, 300);
    first.simulation.run();
    second.simulation.run();
    other.simulation.run();
    assertEquals(first.completionHash, second.completionHash);
    assertArrayEquals(first.endPs, second.endPs);
    assertEquals(first.network.recomputeCount(), second.network.recomputeCount());
    assertNotEquals(first.completionHash, other.completionHash, "the hash must see the schedule");
  }

  /** A random network and flow schedule drawn from one seed, with what it observed. */
  private static final class RandomRun {
    final Simulation simulation = new Simulation();
    final FlowNetwork network = new FlowNetwork(simulation);
    final SplittableRandom random;
    final long[] latencyPs;
    final double[] linkBytesSent;
    final int[][] paths;
    final double[] bytes;
    final long[] startPs;
    final long[] endPs;
    double bytesSent;
    long flowsStarted;
    long completionHash = 17;

    RandomRun(long seed, int flowCount) {
      random = new SplittableRandom(seed);
      int links = 1 + random.nextInt(12);
      latencyPs = new long[links];
      linkBytesSent = new double[links];
      for (int link = 0; link < links; link++) {
        latencyPs[link] = random.nextBoolean() ? 0 : random.nextLong(10 * SimTime.PS_PER_US);
        network.addLink("link" + link, random.nextDouble(1e8, 1e11), latencyPs[link]);
      }
      paths = new int[flowCount][];
      bytes = new double[flowCount];
      startPs = new long[flowCount];
      endPs = new long[flowCount];
      for (int flow = 0; flow < flowCount; flow++) {
        paths[flow] = random.ints(1 + random.nextInt(Math.min(links, 4)), 0, links).distinct().toArray();
        bytes[flow] = random.nextInt(10) == 0 ? 0 : random.nextDouble(1, 1e7);
        startPs[flow] = random.nextInt(3) == 0 ? 0 : random.nextLong(WINDOW_PS);
        simulation.scheduleAt(startPs[flow], flowId -> start(paths[(int) flowId], bytes[(int) flowId], flowId), flow);
      }
    }

    private void start(int[] path, double flowBytes, long tag) {
      network.startFlow(path, flowBytes, this::done, tag);
      flowsStarted++;
      bytesSent += flowBytes;
      for (int link : path) {
        linkBytesSent[link] += flowBytes;
      }
    }

    /** Records the end; one original flow in four starts a half-size follow-up on the same path. */
    private void done(long tag) {
      completionHash = 31 * (31 * completionHash + tag) + simulation.nowPs();
      if (tag < 0) {
        return;
      }
      int flow = (int) tag;
      endPs[flow] = simulation.nowPs();
      if (random.nextInt(4) == 0) {
        start(paths[flow], bytes[flow] / 2, -1 - flow);
      }
    }
  }
}
