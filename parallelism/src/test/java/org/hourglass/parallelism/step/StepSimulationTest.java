package org.hourglass.parallelism.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hourglass.dualpipe.Durations;
import org.hourglass.dualpipe.Schedule;
import org.hourglass.dualpipe.ScheduleExecutor;
import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.dualpipe.Schedules;
import org.hourglass.parallelism.RankMap;
import org.hourglass.sim.SpanRecorder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The step simulation on synthetic work, against closed forms and the pipeline executor. */
class StepSimulationTest {
  private static final int PP = 4;
  private static final int DP = 8;
  private static final int EP = 8;
  private static final long US = 1_000_000L;
  private final RankMap ranks = new RankMap(PP, DP, EP, 8);

  @ParameterizedTest
  @EnumSource(value = ScheduleKind.class, names = {"ONE_F_ONE_B", "DUALPIPE", "ZB1P"})
  void withoutCommunicationTheStepIsThePipelineMakespanPlusSyncAndOptimizer(ScheduleKind kind) {
    Schedule schedule = Schedules.generate(kind, PP, 16);
    // one dense layer per stage: F = 10 us, B = 12 us (input) + 8 us (weights)
    StageWork[] work = uniformStages(schedule.stages(), LayerWork.dense(DP, 4 * US, 5 * US, 3 * US, 6 * US, 7 * US, 5 * US), 2 * US);
    StepResult step = simulate(schedule, work, 30 * US, 5 * US);
    long forward = 10 * US;
    long inputGrad = 12 * US;
    long weightGrad = 8 * US;
    Durations durations = new Durations(forward, inputGrad + weightGrad, weightGrad, forward + inputGrad + weightGrad, 2 * US);
    long makespan = ScheduleExecutor.run(schedule, durations).makespanPs();
    assertEquals(makespan + 30 * US + 5 * US, step.stepPs());
  }

  @Test
  void busyPlusIdleIsTheStepOnEveryGpu() {
    Schedule schedule = Schedules.generate(ScheduleKind.DUALPIPE, PP, 16);
    StepResult step = simulate(schedule, moeStages(schedule.stages(), 3 * US, skewedMlp(0)), 40 * US, 10 * US);
    for (int g = 0; g < ranks.gpus(); g++) {
      long idle = 0;
      for (IdleReason reason : IdleReason.values()) {
        idle += step.idlePs(g, reason);
      }
      assertEquals(step.stepPs(), step.computeBusyPs(g) + idle, "GPU " + g);
    }
  }

  @Test
  void aSlowGpuHoldsItsExpertGroupBack() {
    Schedule schedule = Schedules.generate(ScheduleKind.DUALPIPE, PP, 16);
    StepResult even = simulate(schedule, moeStages(schedule.stages(), 3 * US, skewedMlp(0)), 0, 0);
    StepResult skewed = simulate(schedule, moeStages(schedule.stages(), 3 * US, skewedMlp(4 * US)), 0, 0);
    assertTrue(skewed.stepPs() > even.stepPs(), "a slower expert GPU lengthens the step");
    // the other members of that GPU's groups wait for it
    double straggling = 0;
    for (int g = 0; g < ranks.gpus(); g++) {
      if (ranks.replica(g) != 3) {
        straggling += skewed.idlePs(g, IdleReason.STRAGGLER_WAIT);
      }
    }
    assertTrue(straggling > 0, "fast members wait for the straggler");
    assertEquals(0, even.meanIdlePs().get(IdleReason.STRAGGLER_WAIT), 1e-9, "no stragglers when loads are even");
  }

  @Test
  void dualPipeHidesAllToAllThatOneFOneBExposes() {
    long comm = 2 * US;
    Schedule oneFOneB = Schedules.generate(ScheduleKind.ONE_F_ONE_B, PP, 16);
    Schedule dualPipe = Schedules.generate(ScheduleKind.DUALPIPE, PP, 16);
    StepResult plain = simulate(oneFOneB, moeStages(oneFOneB.stages(), comm, skewedMlp(0)), 0, 0);
    StepResult overlapped = simulate(dualPipe, moeStages(dualPipe.stages(), comm, skewedMlp(0)), 0, 0);
    double plainExposed = plain.meanIdlePs().get(IdleReason.EXPOSED_ALL_TO_ALL);
    double overlappedExposed = overlapped.meanIdlePs().get(IdleReason.EXPOSED_ALL_TO_ALL);
    // 1F1B never overlaps: each micro-batch pays 4 collectives forward and 4 backward per stage
    assertEquals(16 * 8 * comm, plainExposed, 1e-6 * plainExposed);
    assertTrue(overlappedExposed < 0.5 * plainExposed, overlappedExposed + " vs " + plainExposed);
  }

  @Test
  void sameInputsSameResult() {
    Schedule schedule = Schedules.generate(ScheduleKind.DUALPIPE, PP, 20);
    StageWork[] work = moeStages(schedule.stages(), 3 * US, skewedMlp(2 * US));
    StepResult a = simulate(schedule, work, 7 * US, 3 * US);
    StepResult b = simulate(schedule, work, 7 * US, 3 * US);
    assertEquals(a.stepPs(), b.stepPs());
    assertEquals(a.eventsFired(), b.eventsFired());
    for (int g = 0; g < ranks.gpus(); g++) {
      assertEquals(a.finishPs(g), b.finishPs(g));
    }
  }

  @ParameterizedTest
  @EnumSource(value = ScheduleKind.class, names = {"ONE_F_ONE_B", "DUALPIPE", "ZB1P"})
  void blocksOfExpertGroupsGiveTheWholeClustersStepBitForBit(ScheduleKind kind) {
    int dp = 32; // four expert groups per rank, each its own block at the smallest block size
    RankMap wide = new RankMap(PP, dp, EP, 8);
    Schedule schedule = Schedules.generate(kind, PP, 16);
    long[] mlp = LayerWork.filled(dp, 5 * US);
    for (int replica = 0; replica < dp; replica++) {
      mlp[replica] += (replica * 7919L % 13) * US / 4; // every replica a little different
    }
    long[] comm = {2 * US, 3 * US, US, 4 * US}; // every expert group different
    LayerWork moe = new LayerWork(true, 4 * US, 6 * US, 3 * US, mlp, mlp, mlp, comm, comm, comm, comm, comm, comm, 0);
    StageWork[] work = new StageWork[schedule.stages()];
    Arrays.fill(work, new StageWork(List.of(moe, moe), US, US, US, 2 * US, US / 2));
    long[] sync = {30 * US, 10 * US, 20 * US, 5 * US};
    long[] optimizer = {3 * US, 4 * US, 5 * US, 6 * US};
    StepResult whole = new StepSimulation(schedule, wide, work, sync, optimizer, SpanRecorder.OFF, Integer.MAX_VALUE).run();
    for (boolean parallel : new boolean[] {false, true}) {
      StepResult blocks = new StepSimulation(schedule, wide, work, sync, optimizer, SpanRecorder.OFF, 1).run(parallel);
      assertEquals(whole.stepPs(), blocks.stepPs());
      assertEquals(whole.eventsFired(), blocks.eventsFired());
      for (int g = 0; g < wide.gpus(); g++) {
        assertEquals(whole.finishPs(g), blocks.finishPs(g), "GPU " + g);
        assertEquals(whole.computeBusyPs(g), blocks.computeBusyPs(g), "GPU " + g);
        for (IdleReason reason : IdleReason.values()) {
          assertEquals(whole.idlePs(g, reason), blocks.idlePs(g, reason), "GPU " + g + " " + reason);
        }
      }
    }
    // the ranks' syncs differ, so the blocks really meet at the end
    assertTrue(whole.idlePs(0, IdleReason.DATA_PARALLEL_SYNC) > 0);
  }

  @Test
  void handoffsThatShareTheNicWithAllToAllsLengthenTheStep() {
    Schedule schedule = Schedules.generate(ScheduleKind.DUALPIPE, PP, 16);
    long comm = 3 * US;
    long[] commByGroup = LayerWork.filled(DP / EP, comm);
    LayerWork overIb = new LayerWork(true, 4 * US, 6 * US, 3 * US, skewedMlp(0), skewedMlp(0), skewedMlp(0), commByGroup,
        commByGroup, commByGroup, commByGroup, commByGroup, commByGroup, 0);
    LayerWork inNode = new LayerWork(true, 4 * US, 6 * US, 3 * US, skewedMlp(0), skewedMlp(0), skewedMlp(0), commByGroup,
        commByGroup, commByGroup, commByGroup, new long[DP / EP], new long[DP / EP], 0);
    StageWork[] shared = new StageWork[schedule.stages()];
    StageWork[] apart = new StageWork[schedule.stages()];
    Arrays.fill(shared, new StageWork(List.of(overIb, overIb), 0, 0, 0, 2 * US, 0));
    Arrays.fill(apart, new StageWork(List.of(inNode, inNode), 0, 0, 0, 2 * US, 0));
    StepResult sharing = simulate(schedule, shared, 0, 0);
    StepResult alone = simulate(schedule, apart, 0, 0);
    assertTrue(sharing.stepPs() > alone.stepPs(), sharing.stepPs() + " vs " + alone.stepPs());
    // each hand-off delays the step by at most its own length: 2 us, on both of its ports
    long handoffs = 2L * 16 * (PP - 1) * 2;
    assertTrue(sharing.stepPs() - alone.stepPs() <= handoffs * 2 * US, "bounded by the hand-offs' bytes");
  }

  private StepResult simulate(Schedule schedule, StageWork[] work, long syncPs, long optimizerPs) {
    long[] sync = new long[PP];
    long[] optimizer = new long[PP];
    Arrays.fill(sync, syncPs);
    Arrays.fill(optimizer, optimizerPs);
    return new StepSimulation(schedule, ranks, work, sync, optimizer, SpanRecorder.OFF).run();
  }

  private static StageWork[] uniformStages(int stages, LayerWork layer, long handoffPs) {
    StageWork[] work = new StageWork[stages];
    Arrays.fill(work, new StageWork(List.of(layer), 0, 0, 0, handoffPs, 0));
    return work;
  }

  /** Two MoE layers per stage; replica 3's experts take {@code extraPs} longer in each pass. */
  private static long[] skewedMlp(long extraPs) {
    long[] mlp = LayerWork.filled(DP, 5 * US);
    mlp[3] += extraPs;
    return mlp;
  }

  private static StageWork[] moeStages(int stages, long commPs, long[] mlpPs) {
    long[] comm = LayerWork.filled(DP / EP, commPs);
    LayerWork moe = new LayerWork(true, 4 * US, 6 * US, 3 * US, mlpPs, mlpPs, mlpPs, comm, comm, comm, comm, new long[comm.length], new long[comm.length], 0);
    List<LayerWork> layers = new ArrayList<>(List.of(moe, moe));
    StageWork[] work = new StageWork[stages];
    Arrays.fill(work, new StageWork(layers, 0, 0, 0, US, 0));
    return work;
  }
}
