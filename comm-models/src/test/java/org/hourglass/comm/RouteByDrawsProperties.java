package org.hourglass.comm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Routing from the draws under uniform popularity picks the same experts, in the same order, as routing from every score. */
class RouteByDrawsProperties {

  @Property(tries = 400)
  void theSameExpertsAsScoringEveryExpert(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int groupsPerToken,
      @ForAll boolean sumOfTopTwo, @ForAll @IntRange(min = 0, max = 5) int tieKind) {
    MoeRouting routing = MoeRouting.DEEPSEEK_V3.withGroups(8, groupsPerToken);
    Router.GroupScore rule = sumOfTopTwo ? Router.GroupScore.SUM_OF_TOP_TWO : Router.GroupScore.MAX;
    AffinityModel affinity = new AffinityModel(routing.routedExperts(), routing.expertsPerToken(), 0, new SplittableRandom(1));
    SplittableRandom random = new SplittableRandom(seed);
    double[] uniforms = new double[routing.routedExperts()];
    for (int t = 0; t < 20; t++) {
      for (int e = 0; e < uniforms.length; e++) {
        uniforms[e] = random.nextDouble();
      }
      plantTies(uniforms, random, tieKind);
      assertArrayEquals(byScores(routing, rule, affinity, uniforms), byDraws(routing, rule, affinity, uniforms));
    }
  }

  @Test
  void equalDrawsBreakTiesAsTheFullRouterDoes() {
    MoeRouting routing = MoeRouting.DEEPSEEK_V3.withGroups(8, 4);
    AffinityModel affinity = new AffinityModel(routing.routedExperts(), routing.expertsPerToken(), 0, new SplittableRandom(1));
    double[] uniforms = new double[routing.routedExperts()];
    java.util.Arrays.fill(uniforms, 0.5); // every score equal: the earliest offers win
    int[] expected = byScores(routing, Router.GroupScore.SUM_OF_TOP_TWO, affinity, uniforms);
    assertArrayEquals(expected, byDraws(routing, Router.GroupScore.SUM_OF_TOP_TWO, affinity, uniforms));
    assertEquals(0, expected[0]);
  }

  @Test
  void onlyUniformPopularityQualifies() {
    assertEquals(true, new AffinityModel(256, 8, 0, new SplittableRandom(3)).uniform());
    assertEquals(false, new AffinityModel(256, 8, 0.5, new SplittableRandom(3)).uniform());
  }

  /**
   * Copies draws onto others (exact ties) or a few ulps away (scores that may round together); puts
   * draws on and around the candidate threshold (kind 4); or lowers most draws below it (kind 5), so
   * that groups and tokens have too few candidates and the full scan must decide.
   */
  private static void plantTies(double[] uniforms, SplittableRandom random, int kind) {
    if (kind == 4) {
      for (int i = 0; i < 60; i++) {
        double at = Router.CANDIDATE_DRAW;
        double[] near = {at, Math.nextDown(at), Math.nextUp(at), at / (1 - 1e-6), Math.nextDown(at / (1 - 1e-6))};
        uniforms[random.nextInt(uniforms.length)] = near[random.nextInt(near.length)];
      }
      return;
    }
    if (kind == 5) {
      for (int e = 0; e < uniforms.length; e++) {
        uniforms[e] = random.nextInt(40) == 0 ? uniforms[e] : uniforms[e] * Router.CANDIDATE_DRAW;
      }
      return;
    }
    for (int i = 0; i < 40 && kind > 0; i++) {
      int from = random.nextInt(uniforms.length);
      int to = random.nextInt(uniforms.length);
      double u = kind == 3 ? 1 - random.nextInt(1, 64) * Math.ulp(1.0) : uniforms[from]; // near 1: scores round to 1
      uniforms[to] = kind == 2 ? Math.nextDown(u) : u;
    }
  }

  private static int[] byScores(MoeRouting routing, Router.GroupScore rule, AffinityModel affinity, double[] uniforms) {
    double[] scores = new double[uniforms.length];
    for (int e = 0; e < scores.length; e++) {
      scores[e] = affinity.scoreOf(e, uniforms[e]);
    }
    int[] experts = new int[routing.expertsPerToken()];
    new Router(routing, rule).route(scores, new double[uniforms.length], experts);
    return experts;
  }

  private static int[] byDraws(MoeRouting routing, Router.GroupScore rule, AffinityModel affinity, double[] uniforms) {
    int[] experts = new int[routing.expertsPerToken()];
    new Router(routing, rule).routeUniformAffinity(uniforms, affinity, experts);
    return experts;
  }
}
