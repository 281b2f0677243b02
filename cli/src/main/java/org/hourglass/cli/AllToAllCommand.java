package org.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.comm.AchievableBandwidth;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.parallelism.StepSimulator;
import org.hourglass.parallelism.costs.ExpertTraffic;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.comm.Fabric;
import org.hourglass.comm.MoeRouting;
import org.hourglass.comm.NodeLimitSweep;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass alltoall}: an MoE model's dispatch and combine time per node limit on a cluster. */
@Command(
    name = "alltoall",
    mixinStandardHelpOptions = true,
    description = "Node-limited MoE dispatch and combine (BF16) of a model on a cluster (default: DeepSeek-V3 on"
        + " DeepSeek's H800 cluster, 160 GB/s NVLink and 50 GB/s IB per GPU), one expert group per NVLink domain, for"
        + " each node limit M: the same tokens routed to at most M domains, priced by the busiest IB or NVLink port at"
        + " the bandwidth fractions fitted on DeepEP's H800 table (carried to other clusters as an assumption).")
final class AllToAllCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--model", description = "An MoE model: catalog name or YAML file (default: ${DEFAULT-VALUE}).",
      defaultValue = "deepseek-v3")
  String model;

  @Option(names = "--cluster", description = "A catalog cluster or YAML file (default: ${DEFAULT-VALUE}).",
      defaultValue = "deepseek-v3-2048-h800")
  String cluster;

  @Option(names = "--dispatch", description = "Dispatch precision, fp8 (with its scales, as V3 trains) or bf16 (default: ${DEFAULT-VALUE}).",
      defaultValue = "fp8")
  String dispatch;

  @Option(names = "--ep", description = "Expert-parallel GPUs, a multiple of 8 (default: ${DEFAULT-VALUE}).",
      defaultValue = "64")
  int ep;

  @Option(names = "--node-limit", description = "Node limits: M, A..B or a comma list (default: 1 to the NVLink domains EP spans).")
  String nodeLimit;

  @Option(names = "--tokens", description = "Tokens per GPU (default: ${DEFAULT-VALUE}).", defaultValue = "4096")
  int tokens;

  @Option(names = "--sms", description = "SMs given to communication (default: ${DEFAULT-VALUE}, as in V3).",
      defaultValue = "20")
  int sms;

  @Option(names = "--skew", description = "Zipf exponent of expert popularity, 0 = uniform (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  double skew;

  @Option(names = "--seed", description = "Seed of the routing sample (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Option(names = "--nominal", description = "Use the links' nominal 160/50 GB/s instead of the DeepEP-fitted fractions.")
  boolean nominal;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  private MoeRouting routing;
  private ClusterFigures figures;

  @Override
  public void run() {
    Architecture architecture = ModelCatalog.model(model);
    if (architecture.moe().isEmpty()) {
      throw new InvalidInputException("--model", architecture.name() + " has no routed experts (a dense model has no all-to-all)");
    }
    if (!dispatch.equals("fp8") && !dispatch.equals("bf16")) {
      throw new InvalidInputException("--dispatch", "must be fp8 or bf16, got '" + dispatch + "'");
    }
    figures = ClusterFigures.of(HardwareCatalog.builtIn().cluster(cluster));
    routing = ExpertTraffic.routingOf(architecture, dispatch.equals("fp8"));
    Fabric fabric = StepSimulator.fabricOf(figures);
    List<Integer> limits = validate(fabric);
    AchievableBandwidth achievable = nominal ? AchievableBandwidth.nominal() : ExpertTraffic.deepEpFractions();
    List<NodeLimitSweep.Point> points = new NodeLimitSweep(fabric, routing, achievable, sms)
        .run(ep, limits, tokens, skew, seed);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(fabric, achievable, points));
    } else {
      printTable(out, fabric, achievable, points);
    }
    out.flush();
  }

  private List<Integer> validate(Fabric fabric) {
    int perNode = fabric.gpusPerNode();
    if (ep < 1 || (ep % perNode != 0 && perNode % ep != 0)) {
      throw new InvalidInputException("--ep", "must fill whole " + perNode + "-GPU NVLink domains or divide one, got " + ep);
    }
    int experts = routing.routedExperts();
    if (experts % ep != 0) {
      throw new InvalidInputException("--ep", "the " + experts + " routed experts must divide evenly over the GPUs, got " + ep);
    }
    require(tokens >= 1, "--tokens", "must be at least 1, got " + tokens);
    require(tokens <= 1 << 20, "--tokens", "must be at most 1,048,576 tokens per GPU, got " + tokens);
    int gpuSms = (int) figures.gpu().sms().value();
    require(sms >= 1 && sms < gpuSms, "--sms", "must be in 1.." + (gpuSms - 1) + " (" + figures.gpu().name() + " has " + gpuSms
        + " SMs), got " + sms);
    require(skew >= 0 && !Double.isInfinite(skew), "--skew", "must be a finite number at least 0, got " + skew);
    return parseLimits(Math.max(1, ep / perNode));
  }

  private List<Integer> parseLimits(int nodes) {
    if (nodeLimit == null) {
      nodeLimit = "1.." + nodes;
    }
    List<Integer> limits = new ArrayList<>();
    try {
      for (String part : nodeLimit.split(",")) {
        String[] range = part.strip().split("\\.\\.", -1);
        int from = Integer.parseInt(range[0].strip());
        int to = range.length == 2 ? Integer.parseInt(range[1].strip()) : from;
        require(range.length <= 2 && from <= to, "--node-limit", "expected M, A..B with A <= B, or a comma list, got '" + nodeLimit + "'");
        for (int m = from; m <= to; m++) {
          require(m >= 1 && m <= nodes, "--node-limit",
              "must be in 1.." + nodes + " (EP" + ep + " spans " + nodes + " NVLink domain" + (nodes == 1 ? "" : "s") + "), got " + m);
          limits.add(m);
        }
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--node-limit", "expected M, A..B or a comma list of integers, got '" + nodeLimit + "'");
    }
    return limits;
  }

  private static void require(boolean ok, String field, String reason) {
    if (!ok) {
      throw new InvalidInputException(field, reason);
    }
  }

  private ObjectNode toJson(Fabric fabric, AchievableBandwidth achievable, List<NodeLimitSweep.Point> points) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("model", model).put("cluster", figures.name()).put("fabric", figures.fabricDescription());
    figures.extrapolation().ifPresent(why -> root.put("estimate", why));
    root.put("ep", ep).put("nodes", Math.max(1, ep / fabric.gpusPerNode())).put("tokensPerGpu", tokens)
        .put("communicationSms", sms).put("skew", skew).put("seed", seed)
        .put("nvlinkToIbRatio", fabric.nvlinkToIbRatio())
        .put("gpusPerNodeAtNoExtraIbCost", fabric.nvlinkToIbRatio());
    root.putObject("achievable").put("nvlinkFraction", achievable.nvlinkFraction())
        .put("rdmaFraction", achievable.rdmaFraction()).put("source", achievable.source());
    ArrayNode rows = root.putArray("limits");
    for (NodeLimitSweep.Point p : points) {
      rows.addObject().put("nodeLimit", p.nodeLimit())
          .put("dispatchSeconds", p.dispatch().seconds()).put("combineSeconds", p.combine().seconds())
          .put("dispatchBottleneck", p.dispatch().bottleneckPort())
          .put("combineBottleneck", p.combine().bottleneckPort())
          .put("dispatchIbBusySeconds", p.dispatch().ibBusyPs() / 1e12)
          .put("dispatchNvlinkBusySeconds", p.dispatch().nvlinkBusyPs() / 1e12)
          .put("meanNodesPerToken", p.meanNodesPerToken()).put("meanExpertsPerNode", p.meanExpertsPerNode())
          .put("meanGpusPerNode", p.meanGpusPerNode());
    }
    return root;
  }

  private void printTable(PrintWriter out, Fabric fabric, AchievableBandwidth achievable,
      List<NodeLimitSweep.Point> points) {
    out.printf("%s on %s (%s)%n", model, figures.name(), figures.fabricDescription());
    figures.extrapolation().ifPresent(why -> out.printf("estimate: %s%n", why));
    int domains = Math.max(1, ep / fabric.gpusPerNode());
    out.printf("EP%d (%d NVLink domain%s), %d tokens/GPU, %d comm SMs, skew %.2f; NVLink/IB = %.1f: a token crossing IB once"
        + " per domain can feed about %.1f GPUs there at no extra cost%n", ep, domains, domains == 1 ? "" : "s", tokens, sms,
        skew, fabric.nvlinkToIbRatio(), fabric.nvlinkToIbRatio());
    if (domains == 1) {
      out.printf("the expert group sits inside one NVLink domain: nothing crosses IB, and the node limit does not apply%n");
    }
    out.printf("bandwidth: %s%n", achievable.source());
    out.printf("%5s %11s %12s %11s %12s %14s %15s %15s%n", "limit", "nodes/token", "experts/node", "gpus/node",
        "dispatch us", "bound by", "combine us", "bound by");
    for (NodeLimitSweep.Point p : points) {
      out.printf("%5d %11.2f %12.2f %11.2f %12.1f %14s %15.1f %15s%n", p.nodeLimit(), p.meanNodesPerToken(),
          p.meanExpertsPerNode(), p.meanGpusPerNode(), p.dispatch().seconds() * 1e6, p.dispatch().bottleneckPort(),
          p.combine().seconds() * 1e6, p.combine().bottleneckPort());
    }
  }
}
