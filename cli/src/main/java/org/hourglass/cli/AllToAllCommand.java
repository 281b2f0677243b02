package org.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.comm.AchievableBandwidth;
import org.hourglass.comm.DeepEpCalibration;
import org.hourglass.comm.Fabric;
import org.hourglass.comm.MoeRouting;
import org.hourglass.comm.NodeLimitSweep;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass alltoall}: DeepSeek-V3's MoE dispatch and combine time per node limit. */
@Command(
    name = "alltoall",
    mixinStandardHelpOptions = true,
    description = {
      "Node-limited MoE dispatch (FP8) and combine (BF16) of DeepSeek-V3 on H800 (160 GB/s NVLink, 50 GB/s IB",
      "per GPU), one expert group per node, for each node limit M: the same tokens routed to at most M nodes,",
      "priced by the busiest IB or NVLink port at the bandwidth fractions fitted on DeepEP's table."
    })
final class AllToAllCommand implements Runnable {
  private static final int SMS_PER_H800 = 132;

  @Spec CommandSpec spec;

  @Option(names = "--ep", description = "Expert-parallel GPUs, a multiple of 8 (default: ${DEFAULT-VALUE}).",
      defaultValue = "64")
  int ep;

  @Option(names = "--node-limit", description = "Node limits: M, A..B or a comma list (default: ${DEFAULT-VALUE}).",
      defaultValue = "1..8")
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

  @Override
  public void run() {
    Fabric fabric = Fabric.H800_DEEPSEEK_V3;
    List<Integer> limits = validate(fabric);
    AchievableBandwidth achievable = nominal ? AchievableBandwidth.nominal() : new DeepEpCalibration(fabric).fit();
    List<NodeLimitSweep.Point> points = new NodeLimitSweep(fabric, MoeRouting.DEEPSEEK_V3, achievable, sms)
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
    if (ep < perNode || ep % perNode != 0) {
      throw new InvalidInputException("--ep", "must be a positive multiple of the " + perNode + " GPUs per node, got " + ep);
    }
    int experts = MoeRouting.DEEPSEEK_V3.routedExperts();
    if (experts % ep != 0) {
      throw new InvalidInputException("--ep", "the " + experts + " routed experts must divide evenly over the GPUs, got " + ep);
    }
    require(tokens >= 1, "--tokens", "must be at least 1, got " + tokens);
    require(tokens <= 1 << 20, "--tokens", "must be at most 1,048,576 tokens per GPU, got " + tokens);
    require(sms >= 1 && sms <= SMS_PER_H800, "--sms", "must be in 1.." + SMS_PER_H800 + ", got " + sms);
    require(skew >= 0 && !Double.isInfinite(skew), "--skew", "must be a finite number at least 0, got " + skew);
    return parseLimits(ep / perNode);
  }

  private List<Integer> parseLimits(int nodes) {
    List<Integer> limits = new ArrayList<>();
    try {
      for (String part : nodeLimit.split(",")) {
        String[] range = part.strip().split("\\.\\.", -1);
        int from = Integer.parseInt(range[0].strip());
        int to = range.length == 2 ? Integer.parseInt(range[1].strip()) : from;
        require(range.length <= 2 && from <= to, "--node-limit", "expected M, A..B with A <= B, or a comma list, got '" + nodeLimit + "'");
        for (int m = from; m <= to; m++) {
          require(m >= 1 && m <= nodes, "--node-limit",
              "must be in 1.." + nodes + " (EP" + ep + " spans " + nodes + " nodes), got " + m);
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
    root.put("ep", ep).put("nodes", ep / fabric.gpusPerNode()).put("tokensPerGpu", tokens)
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
    out.printf("EP%d (%d nodes), %d tokens/GPU, %d comm SMs, skew %.2f; NVLink/IB = %.1f: a token crossing IB once"
        + " per node can feed about %.1f GPUs there at no extra cost%n", ep, ep / fabric.gpusPerNode(), tokens, sms,
        skew, fabric.nvlinkToIbRatio(), fabric.nvlinkToIbRatio());
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
