package org.hourglass.dualpipe;

import java.util.List;

/**
 * The eight-step per-rank template shared by DualPipe and DualPipeV (deepseek-ai/DualPipe,
 * dualpipe.py and dualpipev.py; DeepSeek-V3 report Fig. 5), parameterised by h, the rank's
 * distance to the nearer pipeline end, and H, half the pipeline depth: warm-up fills the
 * pipeline from both phases, the steady state overlaps a forward of one phase with a backward of
 * the other, and cool-down splits backwards into B* and W so that weight gradients fill the gaps.
 */
final class DualPipeTemplate {
  private static final int PHASE_0 = 0;
  private static final int PHASE_1 = 1;

  private DualPipeTemplate() {}

  /**
   * The op list of one rank.
   *
   * @param h distance of the rank to the nearer pipeline end
   * @param half H: half the pipeline depth in ranks (DualPipe N/2, DualPipeV N)
   * @param perPhase micro-batches each phase forwards (DualPipe C/2, DualPipeV C)
   */
  static List<Op> rank(int h, int half, int perPhase, PhaseProgram.Phase phase0, PhaseProgram.Phase phase1) {
    PhaseProgram program = new PhaseProgram(phase0, phase1);
    int outer = half - h - 1;
    warmUp(program, h, outer);
    steadyState(program, h, half, perPhase - 2 * half + h + 1);
    coolDown(program, h, outer);
    return program.ops();
  }

  private static void warmUp(PhaseProgram program, int h, int outer) {
    repeat(2 * outer, () -> program.forward(PHASE_0));
    repeat(h + 1, () -> {
      program.forward(PHASE_0);
      program.forward(PHASE_1);
    });
    program.deferWeights(true);
    repeat(outer, () -> {
      program.backward(PHASE_1);
      program.weight();
      program.forward(PHASE_1);
    });
    program.deferWeights(false);
  }

  /** The two middle ranks run their first F0 and B1 back to back, not overlapped, to shrink the bubble. */
  private static void steadyState(PhaseProgram program, int h, int half, int repetitions) {
    for (int i = 0; i < repetitions; i++) {
      if (i == 0 && h == half - 1) {
        program.forward(PHASE_0);
        program.backward(PHASE_1);
      } else {
        program.overlapped(PHASE_0, PHASE_1);
      }
      program.overlapped(PHASE_1, PHASE_0);
    }
  }

  private static void coolDown(PhaseProgram program, int h, int outer) {
    repeat(outer, () -> {
      program.backward(PHASE_1);
      program.overlapped(PHASE_1, PHASE_0);
    });
    drainBackwards(program, h);
    repeat(outer, () -> {
      program.weight();
      program.backward(PHASE_0);
    });
    repeat(h + 1, program::weight);
  }

  /**
   * (h+1) x [B1, B0], switching deferral on half-way, at repetition (h+1)/2: before its B1 when h
   * is odd, after it when h is even, so that exactly h+1 of these backwards are B*.
   */
  private static void drainBackwards(PhaseProgram program, int h) {
    int switchAt = (h + 1) / 2;
    for (int j = 0; j <= h; j++) {
      if (j == switchAt && h % 2 == 1) {
        program.deferWeights(true);
      }
      program.backward(PHASE_1);
      if (j == switchAt && h % 2 == 0) {
        program.deferWeights(true);
      }
      program.backward(PHASE_0);
    }
  }

  private static void repeat(int times, Runnable body) {
    for (int i = 0; i < times; i++) {
      body.run();
    }
  }
}
