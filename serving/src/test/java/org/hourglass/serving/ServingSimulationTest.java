package org.hourglass.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.DType;
import org.hourglass.workload.ModelCatalog;
import org.junit.jupiter.api.Test;

class ServingSimulationTest {
  private static final ClusterFigures H800 = ClusterFigures.of(HardwareCatalog.builtIn().cluster("deepseek-v3-2048-h800"));
  private static final DeploymentUnit DECODE = new DeploymentUnit(144, 1, 144, 2, 1);
  private static final ServingJob JOB = new ServingJob(ModelCatalog.model("deepseek-v3"), H800, DType.BF16, AttentionKind.MLA, 0,
      new DeploymentUnit(32, 1, 32, 9, 1), 4096, DECODE,
      new ServingJob.Traffic(608e9, 168e9, 1000, 1000, 0.5, "test"), new ServingJob.ServiceLevels(20, 5, "test"), 2, "test");
  private static final PrefillStep PREFILL = new PrefillStep(JOB.model(), H800, JOB.prefill(),
      new Fp8ComputeCosts(H800.gpu(), 132, KernelGeneration.DEEPGEMM_2025));

  @Test
  void littlesLawHoldsOnTheSimulatedQueue() {
    ServingSimulation s = new ServingSimulation(JOB, PREFILL, 64);
    ServingSimulation.Result r = s.run(4, 8, 2.0, 600, 7);
    assertTrue(r.finished() > 900, "finished " + r.finished());
    double throughput = r.finished() / 600.0;
    assertEquals(r.meanInSystem(), throughput * r.meanSecondsInSystem(), 0.1 * r.meanInSystem(), "L = lambda W");
  }

  @Test
  void aSaturatedRunDecodesAtTheClosedFormCapacity() {
    long batch = 32;
    ServingSimulation s = new ServingSimulation(JOB, PREFILL, batch);
    ServingSimulation.Result r = s.run(64, 4, 400.0, 60, 3);
    DecodeStep step = new DecodeStep(JOB.model(), H800.gpu(), DECODE, JOB.kvBytesPerToken());
    double meanOutput = 168e9 / (608e9 / 1000);
    // a full batch's mean context: the prompt plus, on average, half the output made so far
    double closedForm = batch / step.seconds(batch, 1000 + meanOutput / 2);
    assertEquals(closedForm, r.outputTokensPerSecondPerDecodeGpu(), 0.1 * closedForm);
    assertTrue(r.kvOccupancy()[r.kvOccupancy().length - 1] > 0, "the KV cache is in use");
  }

  @Test
  void sameSeedSameNumbers() {
    ServingSimulation s = new ServingSimulation(JOB, PREFILL, 64);
    ServingSimulation.Result a = s.run(4, 8, 2.0, 120, 11);
    ServingSimulation.Result b = s.run(4, 8, 2.0, 120, 11);
    assertArrayEquals(a.ttftSeconds(), b.ttftSeconds());
    assertArrayEquals(a.tpotSeconds(), b.tpotSeconds());
    assertEquals(a.events(), b.events());
  }

  @Test
  void moreTrafficThanThePrefillPoolCarriesQueuesTheFirstToken() {
    ServingSimulation s = new ServingSimulation(JOB, PREFILL, 64);
    ServingSimulation.Result lightRun = s.run(2, 8, 1.0, 300, 5);
    ServingSimulation.Result heavyRun = s.run(2, 8, 200.0, 300, 5);
    double light = ServingSimulation.Result.quantile(lightRun.ttftSeconds(), 0.9);
    double heavy = ServingSimulation.Result.quantile(heavyRun.ttftSeconds(), 0.9);
    assertTrue(heavy > 10 * light, "p90 TTFT " + light + " light, " + heavy + " heavy");
    assertTrue(heavyRun.prefillQueueGrowing(), "200 prompts a second on two prefill GPUs pile up");
    assertTrue(!lightRun.prefillQueueGrowing(), "one prompt a second does not");
  }

  @Test
  void aTraceIsReplayedAsWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("t.csv");
    java.nio.file.Files.writeString(file, "arrival_seconds,prompt_tokens,output_tokens\n0.5,1000,10\n1.0,2000,20\n1.0,500,5\n");
    var trace = ArrivalTrace.read(file);
    assertEquals(3, trace.size());
    assertEquals(new ServingSimulation.Arrival(1.0, 2000, 20), trace.get(1));
    ServingSimulation.Result r = new ServingSimulation(JOB, PREFILL, 64).replay(2, 2, trace, 60);
    assertEquals(3, r.arrived());
    assertEquals(3, r.finished(), "every traced request finishes well inside a minute");
    java.nio.file.Files.writeString(file, "arrival_seconds,prompt_tokens,output_tokens\n2,10,10\n1,10,10\n");
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.hourglass.sim.InvalidInputException.class, () -> ArrivalTrace.read(file));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void prefillSizingFindsTheFewestGpusThatKeepTheFirstTokenWithinTheServiceLevel() {
    ServingSimulation s = new ServingSimulation(JOB, PREFILL, 64);
    PrefillSizing.Answer a = PrefillSizing.search(s, JOB, 1, 8, 150.0, 60, 5);
    assertTrue(a.met());
    assertTrue(a.prefillGpus() > 1, "one prefill GPU cannot carry 150 prompts a second");
    assertTrue(ServingSimulation.Result.quantile(a.atAnswer().ttftSeconds(), 0.9) <= JOB.serviceLevels().ttftSeconds());
    ServingSimulation.Result fewer = s.run(Math.max(1, a.prefillGpus() - Math.max(1, a.prefillGpus() / 20) - 1), 8, 150.0, 60, 5);
    assertTrue(ServingSimulation.Result.quantile(fewer.ttftSeconds(), 0.9) > JOB.serviceLevels().ttftSeconds(),
        "a few GPUs fewer miss it: the answer is near the fewest");
  }
}
