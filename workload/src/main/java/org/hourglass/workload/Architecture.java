package org.hourglass.workload;

import java.util.Optional;
import org.hourglass.hardware.SpecNode;
import org.hourglass.sim.InvalidInputException;

/**
 * A decoder-only transformer as its published configuration describes it: embedding and output head
 * (tied or not), {@code layers} blocks of RMSNorm + attention + RMSNorm + FFN, the first
 * {@code denseLayers} with a dense SwiGLU FFN and the rest with a MoE FFN, and {@code mtpDepth}
 * multi-token-prediction modules (DeepSeek-V3 report, section 2.2).
 *
 * @param name catalog name
 * @param source where the configuration comes from
 * @param vocabSize vocabulary
 * @param hiddenSize model width d
 * @param layers transformer blocks
 * @param denseLayers leading blocks with a dense FFN (all of them when there is no MoE)
 * @param denseIntermediateSize dense SwiGLU width
 * @param attention the attention of every block
 * @param moe the MoE FFN, empty for dense models
 * @param mtpDepth multi-token-prediction modules
 * @param tieEmbeddings whether the output head reuses the embedding matrix
 * @param releaseWeightDtype dtype of the published weights (DeepSeek-V3 ships FP8)
 */
public record Architecture(
    String name,
    String source,
    int vocabSize,
    int hiddenSize,
    int layers,
    int denseLayers,
    int denseIntermediateSize,
    Attention attention,
    Optional<MoeSpec> moe,
    int mtpDepth,
    boolean tieEmbeddings,
    DType releaseWeightDtype) {

  /** Reads a model file; every field is checked and a bad one is named. */
  public static Architecture read(SpecNode n) {
    Optional<MoeSpec> moe = n.optionalChild("moe").map(MoeSpec::read);
    int layers = n.positiveInt("layers");
    int dense = moe.isPresent() ? n.nonNegativeInt("denseLayers") : layers;
    if (dense > layers) {
      throw new InvalidInputException(n.fieldPath("denseLayers"), "exceeds layers (" + layers + ")");
    }
    return new Architecture(n.text("name"), n.text("source"), n.positiveInt("vocabSize"),
        n.positiveInt("hiddenSize"), layers, dense,
        dense > 0 ? n.positiveInt("denseIntermediateSize") : 0,
        Attention.read(n.child("attention")), moe, n.nonNegativeInt("mtpDepth", 0),
        n.bool("tieEmbeddings"), DType.parse(n.text("releaseWeightDtype", "bf16"), n.fieldPath("releaseWeightDtype")));
  }

  /** Blocks whose FFN is a MoE. */
  public int moeLayers() {
    return moe.isPresent() ? layers - denseLayers : 0;
  }

  /** True when block {@code index} (0-based) has a MoE FFN. */
  public boolean isMoeLayer(int index) {
    return moe.isPresent() && index >= denseLayers;
  }
}
