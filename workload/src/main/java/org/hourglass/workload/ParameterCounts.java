package org.hourglass.workload;

/**
 * Parameter counts of an architecture, by part, counted from the configuration matrix by matrix: every
 * projection, SwiGLU's three matrices, the router's one vector per routed expert, one RMSNorm gain
 * vector per norm, and biases where the model has them.
 *
 * <p>"Activated" counts what one token touches: all non-expert weights, the shared experts, k of the
 * routed experts, the router, the output head, and one row of the embedding table (a lookup reads one
 * row, not the matrix). MTP modules are not part of the main model; the published DeepSeek-V3
 * checkpoint (685B) stores its MTP module together with its own copies of the embedding and head.
 *
 * @param embedding input embedding table, V d
 * @param attention attention projections and their norms/biases, all layers
 * @param denseFfn dense SwiGLU FFNs, 3 d i each
 * @param routedExperts all routed experts of all MoE layers
 * @param sharedExperts shared experts of all MoE layers
 * @param router router vectors, d per routed expert per MoE layer
 * @param norms the two RMSNorms of every block plus the final norm
 * @param outputHead output projection V d (zero when tied to the embedding)
 * @param activatedRoutedExperts routed-expert weights one token passes through
 * @param mtpModules MTP modules without embedding and head (shared with the main model)
 * @param mtpStoredSharedCopies embedding and head copies the checkpoint stores per MTP module
 * @param embeddingRow one row of the embedding table, d (what a lookup touches)
 */
public record ParameterCounts(
    long embedding,
    long attention,
    long denseFfn,
    long routedExperts,
    long sharedExperts,
    long router,
    long norms,
    long outputHead,
    long activatedRoutedExperts,
    long mtpModules,
    long mtpStoredSharedCopies,
    long embeddingRow) {

  /** Counts the parameters of {@code a}. */
  public static ParameterCounts of(Architecture a) {
    long d = a.hiddenSize();
    long embedding = (long) a.vocabSize() * d;
    long attentionPerLayer = a.attention().projectionWeights(d) + a.attention().otherParameters();
    long routedPerLayer = a.moe().map(m -> m.routedExperts() * m.weightsPerExpert(d)).orElse(0L);
    long activatedRoutedPerLayer = a.moe().map(m -> m.expertsPerToken() * m.weightsPerExpert(d)).orElse(0L);
    long sharedPerLayer = a.moe().map(m -> m.sharedExperts() * m.weightsPerExpert(d)).orElse(0L);
    long routerPerLayer = a.moe().map(m -> m.routerWeights(d)).orElse(0L);
    int moeLayers = a.moeLayers();
    return new ParameterCounts(
        embedding,
        attentionPerLayer * a.layers(),
        3L * d * a.denseIntermediateSize() * a.denseLayers(),
        routedPerLayer * moeLayers,
        sharedPerLayer * moeLayers,
        routerPerLayer * moeLayers,
        (2L * a.layers() + 1) * d,
        a.tieEmbeddings() ? 0 : embedding,
        activatedRoutedPerLayer * moeLayers,
        a.mtpDepth() * mtpModuleWithoutSharedParts(a),
        a.mtpDepth() * (a.tieEmbeddings() ? embedding : 2 * embedding),
        d);
  }

  /**
   * One MTP module (DeepSeek-V3 report, 2.2): RMSNorms of the hidden state and of the embedding, the
   * 2d-to-d projection, one transformer block (a MoE block when the model has MoE) and the norm before
   * the shared head.
   */
  static long mtpModuleWithoutSharedParts(Architecture a) {
    long d = a.hiddenSize();
    int lastLayer = a.layers() - 1;
    return 3 * d + 2 * d * d + blockNonExpert(a, lastLayer) + blockRoutedExperts(a, lastLayer);
  }

  /** Parameters of block {@code index} outside its routed experts: attention, two norms, dense FFN or shared experts and router. */
  public static long blockNonExpert(Architecture a, int index) {
    long d = a.hiddenSize();
    long attention = a.attention().projectionWeights(d) + a.attention().otherParameters() + 2 * d;
    if (!a.isMoeLayer(index)) {
      return attention + 3L * d * a.denseIntermediateSize();
    }
    MoeSpec m = a.moe().orElseThrow();
    return attention + m.sharedExperts() * m.weightsPerExpert(d) + m.routerWeights(d);
  }

  /** Routed-expert parameters of block {@code index} (zero for a dense block). */
  public static long blockRoutedExperts(Architecture a, int index) {
    return a.isMoeLayer(index) ? a.moe().orElseThrow().routedExperts() * a.moe().orElseThrow().weightsPerExpert(a.hiddenSize()) : 0;
  }

  /** All parameters of the main model (DeepSeek-V3: 671B). */
  public long total() {
    return embedding + attention + denseFfn + routedExperts + sharedExperts + router + norms + outputHead;
  }

  /** Parameters one token activates (DeepSeek-V3: about 37B); see the class comment for what counts. */
  public long activated() {
    long embeddingTouched = outputHead == 0 ? embedding : embeddingRow;
    return total() - embedding - routedExperts + activatedRoutedExperts + embeddingTouched;
  }

  /** Main model plus MTP modules with the embedding and head copies the checkpoint stores (DeepSeek-V3: 685B). */
  public long checkpointWithMtp() {
    return total() + mtpModules + mtpStoredSharedCopies;
  }

  /** What MTP adds to the checkpoint (DeepSeek-V3: about 14B). */
  public long mtpInCheckpoint() {
    return mtpModules + mtpStoredSharedCopies;
  }
}
