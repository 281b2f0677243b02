package org.hourglass.comm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hourglass.sim.SimTime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The all-to-all model against DeepEP's table, the links' limits and the V3 report's node-limit argument. */
class AllToAllTest {
  private static final Fabric FABRIC = Fabric.H800_DEEPSEEK_V3;
  private static final DeepEpCalibration CALIBRATION = new DeepEpCalibration(FABRIC);
  private static final AchievableBandwidth FITTED = CALIBRATION.fit();

  @Test
  void everyDeepEpRowIsReproducedWithinFifteenPercentAndTheHeldOutOnesToo() {
    List<DeepEpCalibration.Comparison> rows = CALIBRATION.compare(FITTED);
    assertEquals(8, rows.size());
    assertEquals(6, rows.stream().filter(r -> !r.fitted()).count(), "six of eight figures held out");
    for (DeepEpCalibration.Comparison row : rows) {
      assertTrue(Math.abs(row.relativeError()) < 0.15, row.toString());
    }
  }

  @Test
  void fittedFractionsArePhysical() {
    assertTrue(FITTED.nvlinkFraction() > 0.5 && FITTED.nvlinkFraction() < 1, FITTED.toString());
    assertTrue(FITTED.rdmaFraction() > 0.5 && FITTED.rdmaFraction() < 1, FITTED.toString());
  }

  @Test
  void intranodeRowIsNvlinkBoundAndInternodeEp64IsIbBound() {
    List<DeepEpCalibration.Comparison> rows = CALIBRATION.compare(FITTED);
    assertEquals("nvlink", rows.get(0).bottleneck());
    assertEquals("ib", rows.get(rows.size() - 1).bottleneck());
  }

  @Test
  void noDispatchBeatsItsBusiestPortAtNominalBandwidth() {
    DeepEpBenchmark ep64 = CALIBRATION.benchmark(64);
    AllToAllTraffic t = ep64.traffic();
    AllToAllModel model = new AllToAllModel(FABRIC, ep64.routing(), AchievableBandwidth.nominal(), 20);
    double bytes = model.bytesPerToken(AllToAllModel.Phase.DISPATCH);
    long time = model.time(t, AllToAllModel.Phase.DISPATCH).timePs();
    for (int gpu = 0; gpu < t.gpus(); gpu++) {
      assertTrue(time >= bytes * t.ibOut(gpu) / 50e9 * SimTime.PS_PER_S);
      assertTrue(time >= bytes * t.ibIn(gpu) / 50e9 * SimTime.PS_PER_S);
      assertTrue(time >= bytes * t.nvlinkIn(gpu) / 160e9 * SimTime.PS_PER_S);
    }
  }

  @Test
  void trafficIsConservedAndEachTokenCrossesIbOncePerRemoteNode() {
    AllToAllTraffic t = CALIBRATION.benchmark(64).traffic();
    long ibOut = 0;
    long ibIn = 0;
    long nvOut = 0;
    long nvIn = 0;
    long nodePairs = 0;
    for (int gpu = 0; gpu < t.gpus(); gpu++) {
      ibOut += t.ibOut(gpu);
      ibIn += t.ibIn(gpu);
      nvOut += t.nvlinkOut(gpu);
      nvIn += t.nvlinkIn(gpu);
      nodePairs += t.nodePairs(gpu);
    }
    assertEquals(ibOut, ibIn);
    assertEquals(nvOut, nvIn);
    assertTrue(ibOut < nodePairs, "own-node pairs never cross IB");
    assertTrue(t.meanNodesPerToken() <= 4.0, "top-4 groups: " + t.meanNodesPerToken());
    long pairIb = 0;
    long pairCopies = 0;
    for (int gpu = 0; gpu < t.gpus(); gpu++) {
      for (int node = 0; node < 8; node++) {
        pairIb += t.ibTokens(gpu, node);
      }
      for (int to = 0; to < t.gpus(); to++) {
        pairCopies += t.copies(gpu, to);
      }
    }
    assertEquals(ibOut, pairIb, "the pair matrix adds up to the port totals");
    assertTrue(pairCopies >= nvIn, "every NVLink delivery is a copy to another GPU");
  }

  @Test
  void lessSmsThanSaturationSlowsTheAllToAllInProportion() {
    assertEquals(0.5, FITTED.smFactor(10), 1e-12);
    assertEquals(1.0, FITTED.smFactor(24), 1e-12);
    DeepEpBenchmark ep32 = CALIBRATION.benchmark(32);
    AllToAllModel full = new AllToAllModel(FABRIC, ep32.routing(), FITTED, 20);
    AllToAllModel half = new AllToAllModel(FABRIC, ep32.routing(), FITTED, 10);
    long fullPs = full.time(ep32.traffic(), AllToAllModel.Phase.DISPATCH).timePs();
    long halfPs = half.time(ep32.traffic(), AllToAllModel.Phase.DISPATCH).timePs();
    assertEquals(2.0, halfPs / (double) fullPs, 0.01);
  }

  @Test
  void nodeLimitArgumentOfTheV3Report() {
    List<NodeLimitSweep.Point> points = new NodeLimitSweep(FABRIC, MoeRouting.DEEPSEEK_V3, FITTED, 20)
        .run(64, List.of(1, 2, 3, 4, 8), 512, 0.0, 1);
    assertEquals(3.2, FABRIC.nvlinkToIbRatio(), 1e-12);
    for (NodeLimitSweep.Point p : points) {
      assertTrue(p.meanNodesPerToken() <= p.nodeLimit() + 1e-12);
      boolean ibBound = "ib".equals(p.dispatch().bottleneckLink());
      // IB bounds exactly when a token reaches fewer GPUs per node than NVLink can feed per IB arrival.
      assertEquals(p.meanGpusPerNode() < FABRIC.nvlinkToIbRatio(), ibBound, p.toString());
    }
    assertEquals("nvlink", points.get(0).dispatch().bottleneckLink());
    assertEquals("ib", points.get(3).dispatch().bottleneckLink());
    assertTrue(points.get(3).dispatch().timePs() < points.get(4).dispatch().timePs(), "limit 4 beats no limit");
  }

  @Test
  void embeddedTableMatchesTheReferenceCsv() throws Exception {
    Path csv = Path.of("/work/shared/reference/deepep.csv");
    Assumptions.assumeTrue(Files.exists(csv), "reference copy not present");
    List<String> lines = Files.readAllLines(csv).stream().filter(l -> l.startsWith("normal,")).toList();
    assertEquals(DeepEpTable.ROWS.size(), lines.size());
    for (String line : lines) {
      String[] f = line.split(",");
      DeepEpTable.Row row = DeepEpTable.row(Integer.parseInt(f[2]));
      assertEquals(Double.parseDouble(f[3]), row.dispatchGBps());
      assertEquals(Double.parseDouble(f[4]), row.combineGBps());
    }
  }
}
