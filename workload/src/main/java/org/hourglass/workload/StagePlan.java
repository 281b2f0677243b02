package org.hourglass.workload;

/**
 * Blocks split over pipeline stages in contiguous runs: evenly, the first (layers mod pp) stages
 * taking one extra block, or at given boundaries; the embedding sits on the first stage, the final norm, output head and MTP modules on
 * the last (as DeepSeek-V3 places MTP, report 2.2 and 3.2.1).
 */
public final class StagePlan {
  private final Architecture model;
  private final int pp;
  private final int[] firstBlocks; // stage s runs blocks [firstBlocks[s], firstBlocks[s + 1])

  /** Splits {@code model} over {@code pp} stages in even contiguous runs. */
  public StagePlan(Architecture model, int pp) {
    this(model, evenSplit(model.layers(), pp));
  }

  /**
   * Splits {@code model} at the given boundaries: {@code firstBlocks[s]} is the first block of stage
   * s, with {@code firstBlocks[0] = 0} and a last entry equal to the model's layer count.
   */
  public StagePlan(Architecture model, int[] firstBlocks) {
    if (firstBlocks[0] != 0 || firstBlocks[firstBlocks.length - 1] != model.layers()) {
      throw new IllegalArgumentException("boundaries must run from 0 to " + model.layers());
    }
    for (int s = 1; s < firstBlocks.length; s++) {
      if (firstBlocks[s] < firstBlocks[s - 1]) {
        throw new IllegalArgumentException("boundaries must not decrease");
      }
    }
    this.model = model;
    this.pp = firstBlocks.length - 1;
    this.firstBlocks = firstBlocks.clone();
  }

  private static int[] evenSplit(int layers, int pp) {
    int[] first = new int[pp + 1];
    for (int s = 0; s <= pp; s++) {
      first[s] = s * (layers / pp) + Math.min(s, layers % pp);
    }
    return first;
  }

  /** First block of stage {@code s} ({@code s = pp} gives the layer count). */
  public int firstBlock(int s) {
    return firstBlocks[s];
  }

  /** Blocks of stage {@code s}. */
  public int blocks(int s) {
    return firstBlock(s + 1) - firstBlock(s);
  }

  /** Parameters of stage {@code s} outside routed experts (replicated over EP, sharded by TP). */
  public long nonExpertParameters(int s) {
    long sum = 0;
    for (int b = firstBlock(s); b < firstBlock(s + 1); b++) {
      sum += ParameterCounts.blockNonExpert(model, b);
    }
    ParameterCounts all = ParameterCounts.of(model);
    if (s == 0) {
      sum += all.embedding();
    }
    if (s == pp - 1) {
      sum += model.hiddenSize() + all.outputHead() + all.mtpModules() - mtpRoutedExperts();
    }
    return sum;
  }

  /** Routed-expert parameters of stage {@code s} (spread over the EP ranks). */
  public long routedExpertParameters(int s) {
    long sum = 0;
    for (int b = firstBlock(s); b < firstBlock(s + 1); b++) {
      sum += ParameterCounts.blockRoutedExperts(model, b);
    }
    return s == pp - 1 ? sum + mtpRoutedExperts() : sum;
  }

  /** Activation bytes per token of one micro-batch through stage {@code s}, its MTP modules included. */
  public double activationBytesPerToken(int s, Precision p, Recomputation r) {
    double sum = 0;
    for (int b = firstBlock(s); b < firstBlock(s + 1); b++) {
      sum += ActivationMemory.bytesPerToken(model, model.isMoeLayer(b), p, r);
    }
    boolean mtpMoe = model.isMoeLayer(model.layers() - 1);
    double mtp = model.mtpDepth() * ActivationMemory.bytesPerToken(model, mtpMoe, p, r);
    return s == pp - 1 ? sum + mtp : sum;
  }

  private long mtpRoutedExperts() {
    return model.mtpDepth() * ParameterCounts.blockRoutedExperts(model, model.layers() - 1);
  }
}
