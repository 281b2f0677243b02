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
  /**
   * Per group, in expert order, the experts listed for the top K: those whose draw is at least
   * {@link #CANDIDATE_DRAW}, or the whole group; group g's from g * perGroup on.
   */
  private final int[] candidates;
  private final int[] candidatesInGroup;
  private final long[] candidateBits;
  private final double[] groupLargest;
  private final double[] groupSecond;
  private final double[] groupScores;
  /** The chosen groups' experts within a hair of the K-th largest draw, in offer order, and their scores (scratch). */
  private final int[] nearExperts;
  private final double[] nearScores;
  /** The group scan's two largest draws of the group at hand (scratch). */
  private double largest;
  private double second;

  /**
   * The draw above which the group scan keeps an expert as a candidate for the top K. Any threshold
   * gives the same experts (below it the full scan takes over); at 0.875 about 16 of the 128 experts
   * of DeepSeek-V3's four chosen groups pass, twice the 8 needed, so the full scan is rarely taken.
   */
  static final double CANDIDATE_DRAW = 0.875;

  public Router(MoeRouting routing, GroupScore groupScore) {
    this.routing = routing;
    this.groupScore = groupScore;
    this.selection = new double[routing.routedExperts()];
    this.bestGroups = new TopK(routing.groupsPerToken());
    this.bestExperts = new TopK(routing.expertsPerToken());
    this.largestDraws = new TopK(routing.expertsPerToken());
    this.candidates = new int[routing.routedExperts()];
    this.candidatesInGroup = new int[routing.expertGroups()];
    this.candidateBits = new long[(routing.routedExperts() + 63) >>> 6];
    this.groupLargest = new double[routing.expertGroups()];
    this.groupSecond = new double[routing.expertGroups()];
    this.groupScores = new double[routing.expertGroups()];
    this.nearExperts = new int[routing.routedExperts()];
    this.nearScores = new double[routing.routedExperts()];
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
    // with no group limit no group scan lists candidates: every expert is scanned
    boolean limited = routing.groupsPerToken() < routing.expertGroups();
    if (!limited || !chooseAmongListed(uniforms, affinity, experts, true)) {
      listWholeChosenGroups();
      chooseAmongListed(uniforms, affinity, experts, false);
    }
  }

  /**
   * The top K among the experts listed for the chosen groups ({@link #candidates}), offered in the
   * full router's order. Listed {@code fromCandidates}, it returns false where the whole groups must
   * decide: fewer than K candidates, or a K-th draw so close to {@link #CANDIDATE_DRAW} that an
   * expert below it could tie. An expert left out draws less than K candidates do, so it is never
   * among the K largest draws, and never within the hair below the K-th that is scored.
   */
  private boolean chooseAmongListed(double[] uniforms, AffinityModel affinity, int[] experts, boolean fromCandidates) {
    int k = routing.expertsPerToken();
    int perGroup = routing.expertsPerGroup();
    largestDraws.reset();
    for (int g = 0; g < bestGroups.size(); g++) {
      int group = bestGroups.index(g);
      for (int c = group * perGroup; c < group * perGroup + candidatesInGroup[group]; c++) {
        largestDraws.offer(candidates[c], uniforms[candidates[c]]);
      }
    }
    boolean full = largestDraws.size() == k;
    if (fromCandidates && !full) {
      return false;
    }
    double kthDraw = full ? largestDraws.value(k - 1) : 0;
    double floor = kthDraw * (1 - 1e-6);
    if (fromCandidates && floor < CANDIDATE_DRAW) {
      return false;
    }
    int near = 0;
    for (int g = 0; g < bestGroups.size(); g++) {
      int group = bestGroups.index(g);
      for (int c = group * perGroup; c < group * perGroup + candidatesInGroup[group]; c++) {
        nearExperts[near] = candidates[c];
        near += !full || uniforms[candidates[c]] >= floor ? 1 : 0;
      }
    }
    for (int i = 0; i < near; i++) {
      nearScores[i] = affinity.scoreOf(nearExperts[i], uniforms[nearExperts[i]]);
    }
    double kthScore = full ? affinity.scoreOf(largestDraws.index(k - 1), kthDraw) : 0;
    bestExperts.reset();
    for (int i = 0; i < near; i++) {
      if (nearScores[i] >= kthScore) {
        bestExperts.offer(nearExperts[i], nearScores[i]);
      }
    }
    for (int i = 0; i < experts.length; i++) {
      experts[i] = bestExperts.index(i);
    }
    return true;
  }

  /** Lists every expert of each chosen group, for {@link #chooseAmongListed} to scan them all. */
  private void listWholeChosenGroups() {
    int perGroup = routing.expertsPerGroup();
    for (int g = 0; g < bestGroups.size(); g++) {
      int from = bestGroups.index(g) * perGroup;
      for (int e = from; e < from + perGroup; e++) {
        candidates[e] = e;
      }
      candidatesInGroup[bestGroups.index(g)] = perGroup;
    }
  }

  /**
   * Offers each group's score to the group limit, from its two largest draws: found among the
   * group's candidates (draws at least {@link #CANDIDATE_DRAW}, kept in one branch-free pass) where
   * it has two, which every draw left out is smaller than, else by scanning the whole group.
   */
  private void chooseGroupsByDraws(double[] uniforms, AffinityModel affinity) {
    bestGroups.reset();
    boolean unlimited = routing.groupsPerToken() == routing.expertGroups();
    int perGroup = routing.expertsPerGroup();
    if (!unlimited) {
      markCandidates(uniforms);
    }
    for (int g = 0; g < routing.expertGroups(); g++) {
      if (unlimited) {
        bestGroups.offer(g, 0);
        continue;
      }
      int from = g * perGroup;
      int kept = listCandidates(from, from + perGroup);
      candidatesInGroup[g] = kept - from;
      if (kept - from >= 2) {
        twoLargest(uniforms, candidates, from, kept);
      } else {
        twoLargestOfGroup(uniforms, from, from + perGroup);
      }
      groupLargest[g] = largest;
      groupSecond[g] = second;
    }
    if (unlimited) {
      return;
    }
    // scored apart from the offers, so that no mispredicted offer waits on a logarithm
    boolean maxOnly = groupScore == GroupScore.MAX || perGroup < 2;
    for (int g = 0; g < routing.expertGroups(); g++) {
      // every expert scores a draw alike (uniform popularity), so expert 0's function serves the group
      double best = affinity.scoreOf(0, groupLargest[g]);
      groupScores[g] = maxOnly ? best : best + affinity.scoreOf(0, groupSecond[g]);
    }
    for (int g = 0; g < routing.expertGroups(); g++) {
      bestGroups.offer(g, groupScores[g]);
    }
  }

  /**
   * Sets bit e of {@link #candidateBits} where expert e's draw is at least {@link #CANDIDATE_DRAW},
   * from the sign of {@code u - CANDIDATE_DRAW} (0 for +0.0, at the threshold): no branch to
   * mispredict on one draw in eight (a conditional here ran twice as slow).
   */
  private void markCandidates(double[] uniforms) {
    for (int word = 0; word < candidateBits.length; word++) {
      int first = word << 6;
      int end = Math.min(uniforms.length, first + 64);
      long bits = 0;
      for (int e = first; e < end; e++) {
        bits |= ((Double.doubleToRawLongBits(uniforms[e] - CANDIDATE_DRAW) >>> 63) ^ 1L) << (e - first);
      }
      candidateBits[word] = bits;
    }
  }

  /**
   * Lists the candidates among experts {@code from} to {@code to - 1}, in order, from
   * {@code candidates[from]} on; returns where the list ends.
   */
  private int listCandidates(int from, int to) {
    int kept = from;
    for (int word = from >>> 6; word <= (to - 1) >>> 6; word++) {
      long bits = candidateBits[word];
      if (word == from >>> 6) {
        bits &= -1L << (from & 63);
      }
      if (word == (to - 1) >>> 6) {
        bits &= -1L >>> (63 - ((to - 1) & 63));
      }
      while (bits != 0) {
        candidates[kept++] = (word << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return kept;
  }

  /** Sets {@link #largest} and {@link #second} to the two largest draws of the experts listed in {@code experts[from, to)}. */
  private void twoLargest(double[] uniforms, int[] experts, int from, int to) {
    largest = uniforms[experts[from]];
    second = Double.NEGATIVE_INFINITY;
    for (int i = from + 1; i < to; i++) {
      keepTwoLargest(uniforms[experts[i]]);
    }
  }

  /** Sets {@link #largest} and {@link #second} to the two largest draws of experts {@code from} to {@code to - 1}. */
  private void twoLargestOfGroup(double[] uniforms, int from, int to) {
    largest = uniforms[from];
    second = Double.NEGATIVE_INFINITY;
    for (int e = from + 1; e < to; e++) {
      keepTwoLargest(uniforms[e]);
    }
  }

  private void keepTwoLargest(double u) {
    if (u > second) {
      if (u > largest) {
        second = largest;
        largest = u;
      } else {
        second = u;
      }
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
