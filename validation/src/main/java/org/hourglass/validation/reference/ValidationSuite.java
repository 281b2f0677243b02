package org.hourglass.validation.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * Every published table Hourglass is checked against. The GPU-hour table plans a whole training run
 * (about 10-15 s); a quick run lists it as skipped instead.
 *
 * <p>Held-out training runs (other public runs with a published cost, each with the scenario that
 * describes it) are listed in {@link HeldOutRunCase}'s data file; they too are skipped by a quick run.
 */
public final class ValidationSuite {
  private static final GpuHourCase GPU_HOURS = new GpuHourCase();
  private static final HeldOutRunCase HELD_OUT_RUNS = new HeldOutRunCase();

  private ValidationSuite() {}

  /** The cases, in report order; {@code quick} leaves out the cases that plan whole training runs. */
  public static List<ReferenceCase> cases(boolean quick) {
    List<ReferenceCase> cases = new ArrayList<>();
    cases.add(quick ? new SkippedCase(GPU_HOURS, "--quick (plans a whole training run)") : GPU_HOURS);
    cases.add(new DualPipeBubbleCase());
    cases.add(new DeepEpCase());
    cases.add(new DeepGemmCase());
    cases.add(new DeepGemmWeightGradientCase());
    cases.add(new MemoryBoundBenchmarkCase());
    cases.add(new DualPipeChunkProfileCase());
    cases.add(new KvCacheCase());
    cases.add(new FlopsPerTokenCase());
    cases.add(new ParameterCountCase());
    cases.add(new ServingDay6Case());
    cases.add(new RunHistoryCase());
    cases.add(quick ? new SkippedCase(HELD_OUT_RUNS, "--quick (plans whole training runs)") : HELD_OUT_RUNS);
    return cases;
  }

  /** Every comparison of every case. */
  public static List<Comparison> run(boolean quick) {
    return run(quick, done -> { });
  }

  /** As {@link #run(boolean)}, telling {@code progress} how many cases are done (of {@code cases(quick).size()}). */
  public static List<Comparison> run(boolean quick, java.util.function.IntConsumer progress) {
    List<ReferenceCase> cases = cases(quick);
    List<Comparison> all = new java.util.ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      all.addAll(cases.get(i).compare());
      progress.accept(i + 1);
    }
    return List.copyOf(all);
  }

  /** A case left out of a run: one skipped comparison saying why. */
  private record SkippedCase(ReferenceCase skipped, String why) implements ReferenceCase {
    @Override
    public String table() {
      return skipped.table();
    }

    @Override
    public String source() {
      return skipped.source();
    }

    @Override
    public List<Comparison> compare() {
      return List.of(Comparison.skipped(table(), why, source()));
    }
  }
}
