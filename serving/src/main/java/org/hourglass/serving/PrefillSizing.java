package org.hourglass.serving;

/**
 * The fewest prefill GPUs, for one decode unit's share of the traffic, at which the engine run
 * keeps the 90th-percentile time to first token within the service level and its prefill queue
 * from growing (a growing queue only looks fast in a short run): the closed form sizes the
 * prefill pool for the mean prompt and no queueing, which a run with varied prompts shows to be
 * short. Bisection between the closed form's count and sixteen times it, each step one seeded run.
 */
public final class PrefillSizing {
  /** The GPUs found, the runs it took, and the run at the answer. */
  public record Answer(int prefillGpus, int runs, ServingSimulation.Result atAnswer, boolean met) {}

  private PrefillSizing() {}

  public static Answer search(ServingSimulation sim, ServingJob job, int closedFormGpus, int decodeGpus, double arrivalsPerSecond,
      double seconds, long seed) {
    double target = job.serviceLevels().ttftSeconds();
    int low = Math.max(1, closedFormGpus);
    int runs = 0;
    ServingSimulation.Result atLow = sim.run(low, decodeGpus, arrivalsPerSecond, seconds, seed);
    runs++;
    if (meets(atLow, target)) {
      return new Answer(low, runs, atLow, true);
    }
    int high = low * 16;
    ServingSimulation.Result atHigh = sim.run(high, decodeGpus, arrivalsPerSecond, seconds, seed);
    runs++;
    if (!meets(atHigh, target)) {
      return new Answer(high, runs, atHigh, false);
    }
    while (high - low > Math.max(1, low / 20)) {
      int mid = (low + high) >>> 1;
      ServingSimulation.Result r = sim.run(mid, decodeGpus, arrivalsPerSecond, seconds, seed);
      runs++;
      if (meets(r, target)) {
        high = mid;
        atHigh = r;
      } else {
        low = mid;
      }
    }
    return new Answer(high, runs, atHigh, true);
  }

  private static boolean meets(ServingSimulation.Result r, double targetSeconds) {
    return ServingSimulation.Result.quantile(r.ttftSeconds(), 0.9) <= targetSeconds && !r.prefillQueueGrowing();
  }
}
