package org.hourglass.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hourglass.fp8.MemoryBoundBenchmarks;
import org.hourglass.fp8.MemoryBoundCurve;
import org.hourglass.fp8.MemoryBoundKernel;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.StepSimulator;
import org.hourglass.sim.SimTime;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.StageSplit;

/**
 * Every labelled assumption a plan of a scenario rests on, with its value and where it comes from
 * ("assumption" where nothing published says it): what a planner must see to know what the answer
 * depends on. {@code path} is the scenario field that sets it, or "" where the model fixes it.
 */
public final class AssumptionLedger {
  /**
   * One assumption: what it is, its value in this plan, its source, the field that sets it, and the
   * plausible low and high values {@link Sensitivity} moves it over (empty where it is not moved).
   */
  public record Assumption(String name, String value, String source, String path, List<String> range) {
    public Assumption {
      range = List.copyOf(range);
    }

    Assumption(String name, String value, String source, String path) {
      this(name, value, source, path, List.of());
    }
  }

  /** The name of the memory-bound bandwidth assumption, which a calibration profile can replace. */
  public static final String MEMORY_BOUND_BANDWIDTH = "achieved HBM bandwidth of memory-bound kernels";

  private AssumptionLedger() {}

  /** The assumptions of {@code s}'s plan, scenario fields first, then the model's fixed ones. */
  public static List<Assumption> of(Scenario s) {
    List<Assumption> out = new ArrayList<>();
    if (s.model().moe().isPresent()) {
      out.add(new Assumption("expert popularity skew (Zipf exponent)", fmt(s.routingSkew()),
          "assumption: 0 is uniform popularity once auxiliary-loss-free balancing has settled (moved up to Zipf 0.5)",
          "routing.skew", List.of("0", "0.5")));
      out.add(new Assumption("routing draws reused across layers", Integer.toString(s.routingSamples()),
          "assumption (moved over 1 to 4)", "routing.samples", List.of("1", "4")));
    }
    out.add(new Assumption("sequences per micro-batch", Integer.toString(s.plan().microBatchSequences()),
        "assumption: no report gives it", "plan.microBatchSequences"));
    for (int i = 0; i < s.contextPlans().size(); i++) {
      PlanSpec p = s.contextPlans().get(i);
      out.add(new Assumption("context-extension phase " + (i + 1) + " layout", p.label() + " CP" + p.cp(),
          "assumption: the report does not give the long-context layouts"
              + (s.contextSplitsChosen().get(i) ? "; cp auto: the fewest GPUs per sequence whose memory fits" : ""),
          "contextExtensionPlans[" + i + "]"));
    }
    addContextExchange(out, s);
    if (s.fp8()) {
      out.add(new Assumption("FP8 kernel generation", s.kernels().cliName(),
          "DeepGEMM README (Feb 2025) and PR #95 speedups over DeepSeek's internal kernels (fp8-costs KernelGeneration)",
          "kernels", List.of("deepgemm-2025", "cutlass-2024")));
    }
    out.add(new Assumption("attention kernel", s.attention().cliName(),
        "FlashAttention-3: its published H100 forward throughput (pytorch/benchmark PR #2391); FlashAttention-2: 35% of"
            + " peak (FA3 paper, arXiv 2407.08608); the scenario names what its run used (fp8-costs AttentionKernel)",
        "attention", List.of("flash-attention-3", "flash-attention-2")));
    if (s.plan().virtualStages() > 1) {
      out.add(new Assumption("interleaved chunks per rank", Integer.toString(s.plan().virtualStages()),
          "scenario: not published by every run (Llama 3's 8 are implied by its stage balancing, 3.3.2); moved over 2 to 4",
          "plan.virtualStages", List.of("2", "4")));
    }
    StageSplit split = s.recipe().stageSplit();
    out.add(new Assumption("stage split", split.spelling(), split == StageSplit.BALANCED
        ? "assumption: the recipe publishes no split, so contiguous blocks are balanced by cost (printed with the main step; moved to even)"
        : "recipe " + s.recipe().name() + " (moved to even and to balanced)", "recipe.stageSplit",
        List.of("even", "balanced")));
    out.add(new Assumption("recomputation", s.recipe().recomputation().spelling(), "recipe " + s.recipe().name(),
        "recipe"));
    if (s.recipe().sftSamples() > 0) {
      out.add(new Assumption("SFT tokens per sample", fmt(s.sftTokensPerSample()), s.sftTokensSource()
          + " (moved over 2048 to 8192)", "postTraining.sftTokensPerSample", List.of("2048", "8192")));
    }
    out.add(new Assumption("price per GPU-hour", String.format(Locale.ROOT, "$%.2f", s.usdPerGpuHour()), s.priceSource(),
        "price.usdPerGpuHour"));
    addModelAssumptions(out, s);
    return out;
  }

  /**
   * What context-parallel groups exchange, where any phase splits a sequence; moved to the other choice
   * where the attention has a latent to gather (MLA), else fixed at K and V.
   */
  private static void addContextExchange(List<Assumption> out, Scenario s) {
    if (!s.splitsSequences()) {
      return;
    }
    boolean mla = s.model().attention().kind() == AttentionKind.MLA;
    out.add(new Assumption("context-parallel exchange", s.contextExchange().cliName(),
        "key-value: Llama 3's all-gather of K and V, exposed on the critical path (arXiv 2407.21783, 3.3.2); latent: MLA's"
            + " latent and RoPE key, the up-projection rerun on every GPU (first principles: the tensor MLA caches, V2 report"
            + " 2.1.2); neither published for DeepSeek; nothing kept between the passes (the backward gathers again), one layer's"
            + " whole-sequence keys and values held at a time and counted in the activations",
        "contextExchange", mla ? List.of("latent", "key-value") : List.of()));
  }

  /** Each measured class's floor and fraction of the HBM datasheet, on the GPU the benchmarks ran on. */
  private static String memoryBoundCurves() {
    var curves = MemoryBoundBenchmarks.curvesOn(MemoryBoundBenchmarks.MEASURED_ON);
    StringBuilder text = new StringBuilder();
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      if (MemoryBoundBenchmarks.pricedAs(k) == k) {
        MemoryBoundCurve c = curves.get(k);
        text.append(text.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %.1f us + %.2f of peak", k.profileName(),
            1e6 * c.floorSeconds(), c.bytesPerSecond() / MemoryBoundBenchmarks.MEASURED_ON.hbmBytesPerSecond()));
      }
    }
    return text.toString();
  }

  private static void addModelAssumptions(List<Assumption> out, Scenario s) {
    out.add(new Assumption(MEMORY_BOUND_BANDWIDTH, memoryBoundCurves(),
        "fitted to published H100 microbenchmarks of open kernels (MemoryBoundBenchmarks: Liger-Kernel's; vLLM's FP8"
            + " quantization in helion pull request #3073; torchao's blockwise FP8 quantization), not DeepSeek's own kernels;"
            + " RoPE, the expert permutation and the optimizer priced as element-wise",
        ""));
    out.add(new Assumption("memory-bound passes of a block",
        "the residual add fused into each block's input RMSNorm (4 BF16 tensors each way); MLA's q and k concatenated as"
            + " copies, their backward reassembling dq and d[k_nope; v]; the MoE gate's 12 small kernels (6 backward), top-k"
            + " priced as a stream",
        "first principles; the concatenations and the gate as DeepSeek's public model code (inference/model.py) writes"
            + " them; which passes DeepSeek's training code fuses is not published", ""));
    out.add(new Assumption("link latencies", String.format(Locale.ROOT, "NVLink %.0f us, InfiniBand %.0f us",
        StepSimulator.NVLINK_LATENCY_PS / (double) SimTime.PS_PER_US, StepSimulator.IB_LATENCY_PS / (double) SimTime.PS_PER_US),
        "assumption", ""));
    if (s.plan().schedule() == org.hourglass.dualpipe.ScheduleKind.DUALPIPE
        || s.plan().schedule() == org.hourglass.dualpipe.ScheduleKind.DUALPIPE_V) {
      out.add(new Assumption("overlap inside a DualPipe chunk pair",
          "four phases per layer (attention, dispatch, MLP, combine), forward and backward interleaved",
          "DeepSeek-V3 report Figure 4; the real pair interleaves kernel by kernel", ""));
    }
    out.add(new Assumption("NIC sharing of pipeline hand-offs and all-to-alls",
        "each GPU's InfiniBand send and receive port serves the two at equal rates while both stream",
        "assumption: two-class processor sharing, work-conserving; the NIC's real queue-pair arbitration is not published", ""));
    if (s.plan().tp() > 1) {
      out.add(new Assumption("tensor-parallel collectives", "not overlapped with compute", "assumption", ""));
    }
    if (s.recipe().sftSamples() > 0) {
      out.add(new Assumption("post-training reinforcement learning", "not modelled",
          "the recipe names " + s.recipe().reinforcement() + "; no cost model", ""));
    }
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3g", value);
  }
}
