package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The rates the network computes are max-min fair by the textbook definition (Bertsekas and
 * Gallager, section 6.5.2: feasible, and every flow has a saturated link on which no flow has a
 * larger rate) and equal those of a naive reference water-filling written here.
 */
class MaxMinFairnessProperties {
  private static final double RELATIVE = 1e-9;

  @Property(tries = 300)
  void ratesAtStartAreMaxMinFair(
      @ForAll @Size(min = 1, max = 10) List<@DoubleRange(min = 1e8, max = 1e11) Double> capacities,
      @ForAll @Size(min = 1, max = 40) List<@Size(min = 1, max = 4) List<@IntRange(min = 0, max = 99) Integer>> hops) {
    Simulation simulation = new Simulation();
    FlowNetwork network = linksOf(simulation, capacities);
    int[][] paths = paths(hops, capacities.size());
    long[] ids = new long[paths.length];
    for (int flow = 0; flow < paths.length; flow++) {
      ids[flow] = network.startFlow(paths[flow], 1e9, tag -> { }, flow);
    }
    simulation.runUntil(0);
    double[] rates = Arrays.stream(ids).mapToDouble(network::rateBytesPerSecond).toArray();
    assertMaxMinFair(capacities, paths, rates);
    assertMatchesReference(capacities, paths, rates);
  }

  /** After some flows have left, the survivors' rates are max-min fair among themselves. */
  @Property(tries = 200)
  void ratesAfterDeparturesAreMaxMinFair(
      @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = 1e8, max = 1e11) Double> capacities,
      @ForAll @Size(min = 2, max = 30) List<@Size(min = 1, max = 3) List<@IntRange(min = 0, max = 99) Integer>> hops,
      @ForAll @Size(min = 30, max = 30) List<@DoubleRange(min = 1e3, max = 1e8) Double> bytes,
      @ForAll @DoubleRange(min = 0.0, max = 0.9) double checkFraction) {
    int[][] paths = paths(hops, capacities.size());
    long endPs = new Transfer(capacities, paths, bytes).simulation.run();
    Transfer transfer = new Transfer(capacities, paths, bytes);
    transfer.simulation.runUntil((long) (checkFraction * endPs));
    List<int[]> livePaths = new ArrayList<>();
    List<Double> liveRates = new ArrayList<>();
    for (int flow = 0; flow < paths.length; flow++) {
      if (transfer.network.inFlight(transfer.ids[flow])) {
        livePaths.add(paths[flow]);
        liveRates.add(transfer.network.rateBytesPerSecond(transfer.ids[flow]));
      }
    }
    assertTrue(!livePaths.isEmpty(), "the last flow is still in flight before the end");
    int[][] survivors = livePaths.toArray(new int[0][]);
    double[] rates = liveRates.stream().mapToDouble(Double::doubleValue).toArray();
    assertMaxMinFair(capacities, survivors, rates);
    assertMatchesReference(capacities, survivors, rates);
  }

  /** Flows of the given sizes, all started at time 0. */
  private static final class Transfer {
    final Simulation simulation = new Simulation();
    final FlowNetwork network;
    final long[] ids;

    Transfer(List<Double> capacities, int[][] paths, List<Double> bytes) {
      network = linksOf(simulation, capacities);
      ids = new long[paths.length];
      for (int flow = 0; flow < paths.length; flow++) {
        ids[flow] = network.startFlow(paths[flow], bytes.get(flow), tag -> { }, flow);
      }
    }
  }

  static FlowNetwork linksOf(Simulation simulation, List<Double> capacities) {
    FlowNetwork network = new FlowNetwork(simulation);
    for (int link = 0; link < capacities.size(); link++) {
      network.addLink("link" + link, capacities.get(link));
    }
    return network;
  }

  /** Distinct links, each hop taken modulo the link count. */
  static int[][] paths(List<List<Integer>> hops, int linkCount) {
    return hops.stream()
        .map(path -> path.stream().mapToInt(hop -> hop % linkCount).distinct().toArray())
        .toArray(int[][]::new);
  }

  static void assertMaxMinFair(List<Double> capacities, int[][] paths, double[] rates) {
    double[] load = loads(capacities.size(), paths, rates);
    for (int link = 0; link < load.length; link++) {
      assertTrue(load[link] <= capacities.get(link) * (1 + RELATIVE), "link " + link + " over capacity");
    }
    for (int flow = 0; flow < paths.length; flow++) {
      assertTrue(rates[flow] > 0, "flow " + flow + " starved");
      assertTrue(hasBottleneck(flow, capacities, paths, rates, load), "flow " + flow + " has no bottleneck link");
    }
  }

  private static boolean hasBottleneck(int flow, List<Double> capacities, int[][] paths, double[] rates, double[] load) {
    for (int link : paths[flow]) {
      boolean saturated = load[link] >= capacities.get(link) * (1 - RELATIVE);
      if (saturated && rates[flow] >= maxRateOn(link, paths, rates) * (1 - RELATIVE)) {
        return true;
      }
    }
    return false;
  }

  private static double maxRateOn(int link, int[][] paths, double[] rates) {
    double max = 0;
    for (int flow = 0; flow < paths.length; flow++) {
      if (Arrays.stream(paths[flow]).anyMatch(hop -> hop == link)) {
        max = Math.max(max, rates[flow]);
      }
    }
    return max;
  }

  private static double[] loads(int linkCount, int[][] paths, double[] rates) {
    double[] load = new double[linkCount];
    for (int flow = 0; flow < paths.length; flow++) {
      for (int link : paths[flow]) {
        load[link] += rates[flow];
      }
    }
    return load;
  }

  private static void assertMatchesReference(List<Double> capacities, int[][] paths, double[] rates) {
    double[] expected = referenceWaterFilling(capacities, paths);
    for (int flow = 0; flow < paths.length; flow++) {
      assertEquals(expected[flow], rates[flow], expected[flow] * 1e-7, "flow " + flow);
    }
  }

  /**
   * Raises all unfrozen flows together by the largest step no link can refuse, then freezes the
   * flows of every link that step filled; the plain definition of water-filling, O(F * L) per step.
   */
  static double[] referenceWaterFilling(List<Double> capacities, int[][] paths) {
    double[] rates = new double[paths.length];
    boolean[] frozen = new boolean[paths.length];
    int unfrozen = paths.length;
    while (unfrozen > 0) {
      double[] load = loads(capacities.size(), paths, rates);
      int[] unfrozenOn = new int[capacities.size()];
      for (int flow = 0; flow < paths.length; flow++) {
        for (int link : paths[flow]) {
          unfrozenOn[link] += frozen[flow] ? 0 : 1;
        }
      }
      double step = Double.MAX_VALUE;
      for (int link = 0; link < load.length; link++) {
        if (unfrozenOn[link] > 0) {
          step = Math.min(step, (capacities.get(link) - load[link]) / unfrozenOn[link]);
        }
      }
      for (int flow = 0; flow < paths.length; flow++) {
        rates[flow] += frozen[flow] ? 0 : step;
      }
      double[] filled = loads(capacities.size(), paths, rates);
      for (int flow = 0; flow < paths.length; flow++) {
        for (int link : paths[flow]) {
          if (!frozen[flow] && filled[link] >= capacities.get(link) * (1 - 1e-12)) {
            frozen[flow] = true;
            unfrozen--;
          }
        }
      }
    }
    return rates;
  }
}
