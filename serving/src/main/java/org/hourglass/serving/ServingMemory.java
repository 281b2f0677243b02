package org.hourglass.serving;

import org.hourglass.hardware.GpuSpec;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.MoeSpec;

/**
 * One GPU's memory in a serving unit: the weights it holds (FP8 GEMM weights, one byte a parameter;
 * BF16 embedding and norms), the HBM kept back for the CUDA context, communication buffers and
 * fragmentation (an assumption, {@link #RESERVED_FRACTION}), and the KV cache that is left, which
 * sets how many sequences of a context fit.
 */
public record ServingMemory(double weightBytes, double hbmBytes, double reservedBytes, double kvBytesPerToken) {
  /** Assumed: 10% of HBM held back (CUDA context, DeepEP buffers, allocator slack); no unit's figure is published. */
  public static final double RESERVED_FRACTION = 0.10;

  /** The memory of one GPU of {@code unit} serving {@code model} on {@code gpu}. */
  public static ServingMemory of(Architecture model, GpuSpec gpu, DeploymentUnit unit, double kvBytesPerToken) {
    long d = model.hiddenSize();
    int t = unit.attentionTp();
    double attention = 0;
    double dense = 0;
    int moeLayers = 0;
    for (int i = 0; i < model.layers(); i++) {
      attention += (double) model.attention().projectionWeights(d) / t + model.attention().otherParameters() * 2.0 + 4.0 * d;
      if (model.isMoeLayer(i)) {
        moeLayers++;
      } else {
        dense += 3.0 * d * model.denseIntermediateSize() / t;
      }
    }
    double experts = 0;
    double router = 0;
    if (model.moe().isPresent()) {
      MoeSpec m = model.moe().get();
      experts = (double) (unit.routedExpertsPerGpu() + unit.sharedExpertsPerGpu()) * m.weightsPerExpert(d) * moeLayers;
      router = (double) m.routerWeights(d) * moeLayers * 2;
    }
    double embeddingAndHead = 2.0 * model.vocabSize() * d + (double) model.vocabSize() * d / t;
    double hbm = gpu.hbmBytes().value();
    return new ServingMemory(attention + dense + experts + router + embeddingAndHead, hbm, hbm * RESERVED_FRACTION, kvBytesPerToken);
  }

  /** HBM left for the KV cache (negative where the weights do not fit). */
  public double kvBytes() {
    return hbmBytes - reservedBytes - weightBytes;
  }

  /** Sequences of {@code contextTokens} whose KV cache fits. */
  public long sequencesThatFit(double contextTokens) {
    return kvBytes() <= 0 ? 0 : (long) Math.floor(kvBytes() / (contextTokens * kvBytesPerToken));
  }
}
