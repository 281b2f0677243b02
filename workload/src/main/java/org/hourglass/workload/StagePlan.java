package org.hourglass.workload;

/**
 * Blocks split over pipeline stages in contiguous runs, the first (layers mod pp) stages taking one
 * extra block; the embedding sits on the first stage, the final norm, output head and MTP modules on
 * the last (as DeepSeek-V3 places MTP, report 2.2 and 3.2.1).
 */
public final class StagePlan {
  private final Architecture model;
  private final int pp;

  /** Splits {@code model} over {@code pp} stages. */
  public StagePlan(Architecture model, int pp) {
    this.model = model;
    this.pp = pp;
  }

  /** First block of stage {@code s}. */
  public int firstBlock(int s) {
    int base = model.layers() / pp;
    int extra = model.layers() % pp;
    return s * base + Math.min(s, extra);
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
