package org.hourglass.comm;

/**
 * Node-limited top-K routing as DeepSeek-V3's gate does it (github deepseek-ai/DeepSeek-V3,
 * inference/model.py, Gate.forward): selection scores are affinities plus the per-expert balancing
 * bias; each group is scored, by the sum of its two best selection scores when a bias is used
 * ({@link GroupScore#SUM_OF_TOP_TWO}) or by its best one ({@link GroupScore#MAX}, also DeepEP's
 * benchmark); the token keeps the top-M groups and picks its top-K experts inside them. The bias
 * only selects; gating weights would use the unbiased affinity (report s2.1.2).
 */
public final class Router {
  /** How a group of experts is scored for the group limit. */
  public enum GroupScore { MAX, SUM_OF_TOP_TWO }

  private final MoeRouting routing;
  private final GroupScore groupScore;
  private final double[] selection;
  private final TopK bestGroups;
  private final TopK bestInGroup = new TopK(2);
  private final TopK bestExperts;
  private final TopK largestDraws;

  public Router(MoeRouting routing, GroupScore groupScore) {
    this.routing = routing;
    this.groupScore = groupScore;
    this.selection = new double[routing.routedExperts()];
    this.bestGroups = new TopK(routing.groupsPerToken());
    this.bestExperts = new TopK(routing.expertsPerToken());
    this.largestDraws = new TopK(routing.expertsPerToken());
  }

  /** Writes the chosen experts of one token into {@code experts} (length K), best first. */
  public void route(double[] affinities, double[] bias, int[] experts) {
    for (int e = 0; e < selection.length; e++) {
      selection[e] = affinities[e] + bias[e];
    }
    chooseGroups();
    bestExperts.reset();
    int perGroup = routing.expertsPerGroup();
    for (int g = 0; g < bestGroups.size(); g++) {
      int first = bestGroups.index(g) * perGroup;
      for (int e = first; e < first + perGroup; e++) {
        bestExperts.offer(e, selection[e]);
      }
    }
    for (int i = 0; i < experts.length; i++) {
      experts[i] = bestExperts.index(i);
    }
  }

  /**
   * What {@link #route} writes for the scores {@code affinity} gives the draws {@code uniforms}, with
   * no bias, computing few of them. Valid only for a {@link AffinityModel#uniform()} affinity: every
   * expert's score is then the same non-decreasing function of its draw, so the two best scores of a
   * group are the scores of its two largest draws, and an expert can only make the top K if its
   * draw is at least a hair (a relative 1e-6) below the K-th largest draw; across that gap the
   * rounded score is strictly smaller (its relative step, at least about 1e-9, dwarfs the rounding).
   * The candidates are offered with their exact scores in {@link #route}'s order, so ties break
   * alike and the result is the same, expert for expert.
   */
  public void routeUniformAffinity(double[] uniforms, AffinityModel affinity, int[] experts) {
    chooseGroupsByDraws(uniforms, affinity);
    int perGroup = routing.expertsPerGroup();
    largestDraws.reset();
    for (int g = 0; g < bestGroups.size(); g++) {
      int first = bestGroups.index(g) * perGroup;
      for (int e = first; e < first + perGroup; e++) {
        largestDraws.offer(e, uniforms[e]);
      }
    }
    int k = routing.expertsPerToken();
    boolean full = largestDraws.size() == k;
    double kthDraw = full ? largestDraws.value(k - 1) : 0;
    double kthScore = full ? affinity.scoreOf(largestDraws.index(k - 1), kthDraw) : 0;
    double floor = kthDraw * (1 - 1e-6);
    bestExperts.reset();
    for (int g = 0; g < bestGroups.size(); g++) {
      int first = bestGroups.index(g) * perGroup;
      for (int e = first; e < first + perGroup; e++) {
        if (!full || uniforms[e] >= floor) {
          double score = affinity.scoreOf(e, uniforms[e]);
          if (score >= kthScore) {
            bestExperts.offer(e, score);
          }
        }
      }
    }
    for (int i = 0; i < experts.length; i++) {
      experts[i] = bestExperts.index(i);
    }
  }

  private void chooseGroupsByDraws(double[] uniforms, AffinityModel affinity) {
    bestGroups.reset();
    boolean unlimited = routing.groupsPerToken() == routing.expertGroups();
    int perGroup = routing.expertsPerGroup();
    for (int g = 0; g < routing.expertGroups(); g++) {
      if (unlimited) {
        bestGroups.offer(g, 0);
        continue;
      }
      int from = g * perGroup;
      double largest = uniforms[from];
      double second = Double.NEGATIVE_INFINITY;
      for (int e = from + 1; e < from + perGroup; e++) {
        double u = uniforms[e];
        if (u > second) {
          if (u > largest) {
            second = largest;
            largest = u;
          } else {
            second = u;
          }
        }
      }
      // every expert scores a draw alike (uniform popularity), so expert 0's function serves the group
      double best = affinity.scoreOf(0, largest);
      bestGroups.offer(g, groupScore == GroupScore.MAX || perGroup < 2 ? best : best + affinity.scoreOf(0, second));
    }
  }

  public MoeRouting routing() {
    return routing;
  }

  private void chooseGroups() {
    bestGroups.reset();
    boolean unlimited = routing.groupsPerToken() == routing.expertGroups();
    for (int g = 0; g < routing.expertGroups(); g++) {
      bestGroups.offer(g, unlimited ? 0 : scoreOfGroup(g));
    }
  }

  private double scoreOfGroup(int group) {
    int perGroup = routing.expertsPerGroup();
    bestInGroup.reset();
    for (int e = group * perGroup; e < (group + 1) * perGroup; e++) {
      bestInGroup.offer(e, selection[e]);
    }
    if (groupScore == GroupScore.MAX || bestInGroup.size() < 2) {
      return bestInGroup.value(0);
    }
    return bestInGroup.value(0) + bestInGroup.value(1);
  }
}
