package org.hourglass.parallelism.costs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hourglass.comm.AchievableBandwidth;
import org.hourglass.comm.AffinityModel;
import org.hourglass.comm.AllToAllModel;
import org.hourglass.comm.AllToAllTraffic;
import org.hourglass.comm.DeepEpCalibration;
import org.hourglass.comm.ExpertPlacement;
import org.hourglass.comm.Fabric;
import org.hourglass.comm.MoeRouting;
import org.hourglass.comm.Router;
import org.hourglass.comm.RoutingSample;
import org.hourglass.sim.RandomStreams;
import org.hourglass.sim.SimTime;

/**
 * The routed-expert work of one expert group for one micro-batch: a few routing draws (each every
 * group member routing its micro-batch's tokens, node-limited top-k), and from each the rows every
 * GPU's experts receive and the four all-to-all times. Layers and groups take the draws in turn;
 * draws are deterministic in the scenario's seed.
 *
 * <p>Achievable NVLink and IB bandwidth come from the DeepEP calibration ({@link DeepEpCalibration},
 * two rows of DeepEP's published table). The dispatch and the combine-backward (which sends the
 * output gradients to the experts) move what the model's routing says, FP8 with its scales in
 * DeepSeek-V3's recipe, and the combine and the dispatch-backward BF16 (report 3.3.2: the activation
 * before the up-projections and the activation gradient before the down-projections are sent in
 * FP8; both combines stay BF16).
 */
public final class ExpertTraffic {
  /**
   * One routing draw's consequences for every member of an expert group: the expert rows of each
   * member, each all-to-all's time, and, for the sharing of the NICs with pipeline hand-offs, how
   * long the busiest InfiniBand port streams in the dispatch's and the combine's pattern (the
   * backward passes mirror them) and the all-to-all's latency.
   */
  public record Draw(long[][] rowsPerExpertByGpu, long dispatchPs, long combinePs, long combineBackwardPs,
      long dispatchBackwardPs, String bottleneck, long dispatchIbPs, long combineIbPs, long latencyPs) {}

  /**
   * The fractions of link bandwidth DeepEP's kernels reach, fitted once on the fabric DeepEP was
   * measured on (H800 nodes of 8, 160/50 GB/s) and carried to any other fabric as an assumption.
   * Fitting on the job's own fabric would absorb its faster or slower links into the fraction and
   * leave every what-if at H800's all-to-all speed.
   */
  private static final class Calibration {
    static final AchievableBandwidth DEEPEP_H800 = new DeepEpCalibration(Fabric.H800_DEEPSEEK_V3).fit();
  }

  private final List<Draw> draws = new ArrayList<>();

  /** A model's routing as comm-models routes it: FP8 dispatch (with its scales) under FP8 training, BF16 combine. */
  public static MoeRouting routingOf(org.hourglass.workload.Architecture model, boolean fp8) {
    var moe = model.moe().orElseThrow(() -> new IllegalArgumentException(model.name() + " has no routed experts"));
    return new MoeRouting(moe.routedExperts(), moe.expertsPerToken(), moe.expertGroups(), moe.groupsPerToken(),
        model.hiddenSize(), fp8 ? MoeRouting.FP8_WITH_SCALES : MoeRouting.BF16, MoeRouting.BF16);
  }

  /** The link fractions DeepEP reaches, fitted on its H800 table and carried to every fabric. */
  public static AchievableBandwidth deepEpFractions() {
    return Calibration.DEEPEP_H800;
  }

  /**
   * @param ep GPUs of an expert group
   * @param tokensPerGpu tokens each member routes per micro-batch
   * @param nodeLimit most nodes per token (0: no limit)
   * @param skew Zipf exponent of expert popularity (an assumption; 0 uniform)
   */
  public ExpertTraffic(MoeRouting modelRouting, Fabric fabric, int ep, int tokensPerGpu, int nodeLimit,
      int communicationSms, double skew, int samples, long seed) {
    int nodes = Math.max(1, ep / fabric.gpusPerNode());
    int groups = Math.min(modelRouting.expertGroups(), nodes);
    int perToken = nodeLimit == 0 ? groups : Math.min(nodeLimit, groups);
    MoeRouting routing = modelRouting.withGroups(groups, perToken);
    AchievableBandwidth achievable = Calibration.DEEPEP_H800;
    AllToAllModel model = new AllToAllModel(fabric, routing, achievable, communicationSms);
    ExpertPlacement placement = ExpertPlacement.contiguous(routing.routedExperts(), ep, fabric.gpusPerNode());
    RandomStreams streams = new RandomStreams(seed);
    SplittableRandom order = streams.stream("routing/expert-popularity");
    AffinityModel affinity = new AffinityModel(routing.routedExperts(), routing.expertsPerToken(), skew, order);
    double[] bias = new double[routing.routedExperts()];
    // each draw has its own named random stream and router (routers keep scratch arrays), so
    // drawing them in parallel changes no number
    draws.addAll(java.util.stream.IntStream.range(0, samples).parallel()
        .mapToObj(s -> drawOf(RoutingSample.draw(new Router(routing, Router.GroupScore.SUM_OF_TOP_TWO), affinity, bias,
            ep, tokensPerGpu, streams, "routing/draw-" + s),
            placement, model))
        .toList());
  }

  private static Draw drawOf(RoutingSample sample, ExpertPlacement placement, AllToAllModel model) {
    AllToAllTraffic traffic = AllToAllTraffic.of(sample, placement);
    long[] loads = sample.expertLoads();
    int perGpu = placement.experts() / placement.gpus();
    long[][] rows = new long[placement.gpus()][perGpu];
    for (int expert = 0; expert < placement.experts(); expert++) {
      rows[placement.gpuOf(expert, 0)][expert % perGpu] = loads[expert];
    }
    var dispatch = model.time(traffic, AllToAllModel.Phase.DISPATCH);
    var combine = model.time(traffic, AllToAllModel.Phase.COMBINE);
    long latencyPs = dispatch.timePs() - Math.max(dispatch.ibBusyPs(), dispatch.nvlinkBusyPs());
    // combine-backward has the dispatch's pattern and bytes, dispatch-backward the combine's
    return new Draw(rows, dispatch.timePs(), combine.timePs(), dispatch.timePs(), combine.timePs(),
        dispatch.bottleneckLink(), dispatch.ibBusyPs(), combine.ibBusyPs(), latencyPs);
  }

  /** The draw layer {@code layer} of expert group {@code group} uses. */
  public Draw draw(int layer, int group) {
    return draws.get(Math.floorMod(layer + group, draws.size()));
  }

  /** Mean forward dispatch time over the draws, in seconds. */
  public double meanDispatchSeconds() {
    return draws.stream().mapToLong(Draw::dispatchPs).average().orElse(0) / SimTime.PS_PER_S;
  }
}
