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

  public Router(MoeRouting routing, GroupScore groupScore) {
    this.routing = routing;
    this.groupScore = groupScore;
    this.selection = new double[routing.routedExperts()];
    this.bestGroups = new TopK(routing.groupsPerToken());
    this.bestExperts = new TopK(routing.expertsPerToken());
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
