package org.hourglass.parallelism;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.fp8.AttentionKernel;
import org.hourglass.parallelism.costs.ContextExchange;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.hardware.SpecNode;
import org.hourglass.workload.ModelCatalog;

/**
 * The jobs and plans of two built-in scenarios, built from the catalogs as the scenario loader
 * builds them (its files: {@code deepseek-v3-2048-h800.yaml}, {@code llama-3.1-405b-8192-h100.yaml}),
 * so the step can be tested below the module that reads scenario files.
 */
final class Jobs {
  private Jobs() {}

  /** DeepSeek-V3 on DeepSeek's 2048 H800s, FP8 with 2024's kernels, uniform routing from 2 draws, seed 1. */
  static TrainingJob deepSeekV3() {
    return new TrainingJob(ModelCatalog.model("deepseek-v3"), cluster("{base: deepseek-v3-2048-h800}"),
        ModelCatalog.recipe("deepseek-v3"), true, KernelGeneration.CUTLASS_2024,
        AttentionKernel.FLASH_ATTENTION_3, ContextExchange.LATENT, 0.0, 2, 1);
  }

  /** PP16 EP64 DP128 DualPipe, one sequence per micro-batch, node limit 4, 20 communication SMs. */
  static PlanSpec deepSeekV3Plan() {
    return new PlanSpec(16, 64, 128, 1, ScheduleKind.DUALPIPE, 1, 4, 20, 1);
  }

  /** Llama 3.1 405B on 8192 H100s (DeepSeek's fabric with H100 GPUs), BF16. */
  static TrainingJob llama405b() {
    return new TrainingJob(ModelCatalog.model("llama-3.1-405b"),
        cluster("{base: deepseek-v3-2048-h800, gpu: h100, gpus: 8192}"), ModelCatalog.recipe("llama-3.1-405b"), false,
        KernelGeneration.DEEPGEMM_2025, AttentionKernel.FLASH_ATTENTION_3, ContextExchange.KEY_VALUE, 0.0, 1, 1);
  }

  /** TP8 PP16 DP64, interleaved 1F1B with the paper's 8 chunks per rank, one sequence per micro-batch. */
  static PlanSpec llama405bPlan() {
    return new PlanSpec(16, 1, 64, 1, ScheduleKind.INTERLEAVED_1F1B, 1, 0, 0, 8, 8);
  }

  private static ClusterFigures cluster(String yaml) {
    SpecNode node = SpecNode.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "cluster");
    return ClusterFigures.read(node, HardwareCatalog.builtIn());
  }
}
