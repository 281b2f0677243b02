package org.hourglass.workload;

import org.hourglass.hardware.SpecNode;
import org.hourglass.sim.InvalidInputException;

/**
 * A mixture-of-experts FFN: shared experts every token passes through, routed experts of which each
 * token picks {@code expertsPerToken}, restricted to {@code groupsPerToken} of {@code expertGroups}
 * groups (DeepSeek-V3's node limit: groups map to nodes in training). Every expert is a SwiGLU.
 *
 * @param routedExperts routed experts per MoE layer
 * @param sharedExperts shared experts per MoE layer
 * @param expertIntermediateSize hidden width of one expert
 * @param expertsPerToken routed experts chosen per token (top-k)
 * @param expertGroups groups the routed experts are split into (1 = no group limit)
 * @param groupsPerToken groups a token may draw from
 * @param score gating function ({@code softmax} or {@code sigmoid})
 */
public record MoeSpec(
    int routedExperts,
    int sharedExperts,
    int expertIntermediateSize,
    int expertsPerToken,
    int expertGroups,
    int groupsPerToken,
    String score) {

  /** Reads the {@code moe} mapping of a model file and checks top-k and groups against the expert count. */
  public static MoeSpec read(SpecNode n) {
    MoeSpec m = new MoeSpec(n.positiveInt("routedExperts"), n.nonNegativeInt("sharedExperts"),
        n.positiveInt("expertIntermediateSize"), n.positiveInt("expertsPerToken"),
        n.has("expertGroups") ? n.positiveInt("expertGroups") : 1,
        n.has("groupsPerToken") ? n.positiveInt("groupsPerToken") : 1, n.text("score", "softmax"));
    if (m.expertsPerToken > m.routedExperts) {
      throw new InvalidInputException(n.fieldPath("expertsPerToken"), "exceeds routedExperts (" + m.routedExperts + ")");
    }
    if (m.routedExperts % m.expertGroups != 0 || m.groupsPerToken > m.expertGroups) {
      throw new InvalidInputException(n.fieldPath("expertGroups"), "must divide routedExperts and be at least groupsPerToken");
    }
    return m;
  }

  /** Weights of one SwiGLU expert: gate, up and down matrices, 3 d i. */
  public long weightsPerExpert(long d) {
    return 3L * d * expertIntermediateSize;
  }

  /** Router weights: one d-vector per routed expert. */
  public long routerWeights(long d) {
    return d * routedExperts;
  }
}
