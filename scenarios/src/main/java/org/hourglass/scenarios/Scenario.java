package org.hourglass.scenarios;

import java.util.List;
import java.util.Optional;
import org.hourglass.fp8.AttentionKernel;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.TrainingJob;
import org.hourglass.parallelism.costs.ContextExchange;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.TrainingRecipe;

/**
 * Everything one what-if needs: the model, the cluster, the recipe, the parallel plan of each
 * phase, the GEMM precision, the routing assumptions, the price of a GPU-hour and the seed. Loaded
 * and checked by {@link ScenarioLoader}; {@code sha256} identifies the exact text it came from,
 * overrides applied, so a report can be reproduced.
 *
 * @param contextPlans one plan per context-extension phase of the recipe, in order
 * @param contextSplitsChosen per context-extension phase, whether its cp was the scenario's {@code auto}: the fewest
 *     GPUs per sequence whose memory fits ({@link ContextSplit})
 * @param fp8 whether GEMMs run in FP8 (false: the same GEMMs in BF16)
 * @param kernels the generation of FP8 GEMM kernels the run used
 * @param attention the FlashAttention generation of the run's attention core ({@code attention}, default FlashAttention-3)
 * @param contextExchange what a context-parallel group all-gathers ({@code contextExchange}, default K and V as
 *     Llama 3 does; only read where a phase's plan has cp above 1)
 * @param routingSkew Zipf exponent of expert popularity (0: uniform), an assumption
 * @param routingSamples routing draws reused across layers and expert groups
 * @param sftTokensPerSample tokens of one SFT sample, an assumption the report does not give (0: no post-training)
 * @param usdPerGpuHour the scenario's price, else the catalog's rental price of its GPU
 * @param energy the electricity price and PUE, where the scenario gives them
 * @param reliability failure rates, restarts and checkpointing: the scenario's {@code reliability}
 *     block, else the built-in published defaults ({@link ReliabilityReader})
 * @param resolvedJson the effective scenario as JSON: {@code extends} merged, overrides applied (what {@code sha256} hashes)
 */
public record Scenario(
    String name,
    String description,
    Architecture model,
    ClusterFigures cluster,
    TrainingRecipe recipe,
    PlanSpec plan,
    List<PlanSpec> contextPlans,
    List<Boolean> contextSplitsChosen,
    boolean fp8,
    KernelGeneration kernels,
    AttentionKernel attention,
    ContextExchange contextExchange,
    double routingSkew,
    int routingSamples,
    double sftTokensPerSample,
    String sftTokensSource,
    double usdPerGpuHour,
    String priceSource,
    Optional<EnergyPrice> energy,
    ReliabilityReader.Reliability reliability,
    long seed,
    String sha256,
    String resolvedJson) {

  public Scenario {
    contextPlans = List.copyOf(contextPlans);
    contextSplitsChosen = List.copyOf(contextSplitsChosen);
  }

  /** Whether any phase's plan splits a sequence over GPUs (cp above 1), so that {@code contextExchange} applies. */
  public boolean splitsSequences() {
    return plan.cp() > 1 || contextPlans.stream().anyMatch(p -> p.cp() > 1);
  }

  /** The model, cluster, recipe, precision and routing that every step of this scenario's run shares. */
  public TrainingJob job() {
    return new TrainingJob(model, cluster, recipe, fp8, kernels, attention, contextExchange, routingSkew, routingSamples, seed);
  }
}
