package org.hourglass.parallelism;

import org.hourglass.fp8.AttentionKernel;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.parallelism.costs.ContextExchange;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.TrainingRecipe;

/**
 * What every step of one training run shares, whatever its phase's parallel plan: the model, the
 * cluster, the recipe (precision, recomputation), whether GEMMs run in FP8, the routing assumptions
 * and the seed of the routing draws. A scenario names one; {@link StepSimulator} simulates its steps.
 *
 * @param fp8 whether GEMMs run in FP8 (false: the same GEMMs in BF16)
 * @param routingSkew Zipf exponent of expert popularity (0: uniform), an assumption
 * @param routingSamples routing draws reused across layers and expert groups
 * @param kernels the generation of FP8 GEMM kernels the run used
 * @param attention the FlashAttention generation the run's attention core used
 * @param contextExchange what a context-parallel group all-gathers before the attention core
 * @param seed seed of the routing draws
 */
public record TrainingJob(Architecture model, ClusterFigures cluster, TrainingRecipe recipe, boolean fp8,
    KernelGeneration kernels, AttentionKernel attention, ContextExchange contextExchange, double routingSkew, int routingSamples, long seed) {}
