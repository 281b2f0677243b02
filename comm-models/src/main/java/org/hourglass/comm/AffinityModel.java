package org.hourglass.comm;

import java.util.SplittableRandom;

/**
 * Token-to-expert affinity scores, an explicit assumption since real router logits are not published.
 * Each expert has a popularity p_e, Zipf with exponent {@code skew} over the experts in a seeded random
 * order ({@code skew = 0}: uniform, the setting of DeepEP's benchmark). A token's logit for expert e is
 * {@code ln(K p_e) + G}, G standard Gumbel, so without bias or group limit its top-K is a draw of K
 * experts without replacement in proportion to p (the Gumbel-top-k trick, Kool et al. 2019); the
 * {@code ln K} centres the K-th largest logit of a uniform router near 0, the steepest point of the
 * sigmoid. The affinity is {@code sigmoid(logit)}, as DeepSeek-V3 scores experts (report eq. 15).
 */
public final class AffinityModel {
  private final double[] logitOffsets;
  private final double[] expNegOffsets;
  private final double skew;

  /** @param skew Zipf exponent of expert popularity, at least 0 */
  public AffinityModel(int experts, int expertsPerToken, double skew, SplittableRandom order) {
    if (!(skew >= 0) || Double.isInfinite(skew)) {
      throw new IllegalArgumentException("skew must be a finite number at least 0, got " + skew);
    }
    this.skew = skew;
    this.logitOffsets = offsets(zipfPopularity(experts, skew, order), expertsPerToken);
    this.expNegOffsets = new double[experts];
    for (int e = 0; e < experts; e++) {
      expNegOffsets[e] = Math.exp(-logitOffsets[e]);
    }
  }

  /**
   * Fills {@code scores} with one token's affinities, sigmoid(ln(K p_e) + Gumbel), each in (0, 1).
   * With G = -ln(-ln u), exp(-(o + G)) = exp(-o) (-ln u), so one logarithm per expert does what
   * two logarithms and an exponential would.
   */
  public void scoresOfToken(SplittableRandom random, double[] scores) {
    for (int e = 0; e < scores.length; e++) {
      scores[e] = scoreOf(e, random.nextDouble());
    }
  }

  /**
   * Fills {@code uniforms} with the draws {@link #scoresOfToken} would turn into one token's scores
   * (the same numbers from the same stream); {@link #scoreOf} turns each into its score.
   */
  public void uniformsOfToken(SplittableRandom random, double[] uniforms) {
    for (int e = 0; e < uniforms.length; e++) {
      uniforms[e] = random.nextDouble();
    }
  }

  /** Expert {@code e}'s affinity for the uniform draw {@code u}: non-decreasing in u, bit for bit as {@link #scoresOfToken}. */
  public double scoreOf(int e, double u) {
    return 1.0 / (1.0 + expNegOffsets[e] * -Math.log(u == 0 ? Double.MIN_VALUE : u));
  }

  /** Whether every expert is equally popular, so one function of the draw scores them all and orders them as the draws. */
  public boolean uniform() {
    for (double c : expNegOffsets) {
      if (c != expNegOffsets[0]) {
        return false;
      }
    }
    return true;
  }

  public int experts() {
    return logitOffsets.length;
  }

  public double skew() {
    return skew;
  }

  /** Zipf popularity {@code p ~ 1/rank^skew}, ranks assigned to experts in a random order. */
  static double[] zipfPopularity(int experts, double skew, SplittableRandom order) {
    int[] rankOf = shuffledRanks(experts, order);
    double[] p = new double[experts];
    double sum = 0;
    for (int e = 0; e < experts; e++) {
      p[e] = Math.pow(rankOf[e] + 1, -skew);
      sum += p[e];
    }
    for (int e = 0; e < experts; e++) {
      p[e] /= sum;
    }
    return p;
  }

  private static double[] offsets(double[] popularity, int expertsPerToken) {
    double[] offsets = new double[popularity.length];
    for (int e = 0; e < offsets.length; e++) {
      offsets[e] = Math.log(expertsPerToken * popularity[e]);
    }
    return offsets;
  }

  private static int[] shuffledRanks(int n, SplittableRandom order) {
    int[] ranks = new int[n];
    for (int i = 0; i < n; i++) {
      ranks[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = order.nextInt(i + 1);
      int t = ranks[i];
      ranks[i] = ranks[j];
      ranks[j] = t;
    }
    return ranks;
  }
}
