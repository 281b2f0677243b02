package org.hourglass.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hourglass.hardware.ClusterSpec;
import org.hourglass.hardware.Figure;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.hardware.HardwareCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hourglass hardware}: the built-in GPUs and clusters, and one of them in full with every source. */
@Command(name = "hardware", mixinStandardHelpOptions = true, description = "Built-in GPUs and clusters.",
    subcommands = {HardwareCommand.ListCommand.class, HardwareCommand.ShowCommand.class})
final class HardwareCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code hardware list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List built-in GPUs and clusters.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
      HardwareCatalog c = HardwareCatalog.builtIn();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<String> gpus = new ArrayList<>(c.gpus().stream().map(GpuSpec::name).toList());
        Units.printJson(out, Map.of("gpus", gpus, "clusters", c.clusterNames()));
        return 0;
      }
      out.printf("GPUs%n  %-10s %-10s %5s %10s %10s %9s %10s %12s%n", "name", "aliases", "SMs", "FP8 TF/s", "BF16 TF/s", "HBM GiB", "HBM TB/s", "NVLink GB/s");
      for (GpuSpec g : c.gpus()) {
        out.printf(Locale.ROOT, "  %-10s %-10s %5d %10.0f %10.0f %9.0f %10.2f %12.0f%n", g.name(), String.join(",", g.aliases()), g.sms().asLong(),
            g.fp8FlopsPerSecond().value() / 1e12, g.bf16FlopsPerSecond().value() / 1e12, g.hbmBytes().value() / (1L << 30),
            g.hbmBytesPerSecond().value() / 1e12, g.nvlinkBytesPerSecond().value() / 1e9);
      }
      out.printf("Clusters%n");
      for (String name : c.clusterNames()) {
        ClusterSpec cl = c.cluster(name);
        out.printf("  %-24s %d x %s, %s%n", name, cl.gpus(), cl.gpu().name(), cl.topology().spelling());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code hardware show NAME}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one GPU or cluster with the source of every figure.")
  static final class ShowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<name|file>", description = "GPU or cluster name, or a GPU YAML file.")
    String name;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
      HardwareCatalog c = HardwareCatalog.builtIn();
      Map<String, Object> r = c.hasCluster(name) ? cluster(c.cluster(name)) : gpu(c.gpu(name));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Units.printJson(out, r);
        return 0;
      }
      r.forEach((k, v) -> out.printf("  %-36s %s%n", k, v instanceof Figure f ? format(f) : v));
      out.flush();
      return 0;
    }

    private static String format(Figure f) {
      String v = f.value() == Math.rint(f.value()) && Math.abs(f.value()) < 1e6
          ? String.valueOf(f.asLong()) : String.format(Locale.ROOT, "%.4g", f.value());
      return String.format(Locale.ROOT, "%-12s  [%s]", v, f.source());
    }

    private static Map<String, Object> gpu(GpuSpec g) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", g.name());
      r.put("aliases", String.join(", ", g.aliases()));
      r.put("description", g.description());
      r.put("sms", g.sms());
      r.put("fp8_flops_per_second", g.fp8FlopsPerSecond());
      r.put("bf16_flops_per_second", g.bf16FlopsPerSecond());
      r.put("fp32_flops_per_second", g.fp32FlopsPerSecond());
      r.put("hbm_bytes", g.hbmBytes());
      r.put("hbm_bytes_per_second", g.hbmBytesPerSecond());
      r.put("l2_bytes", g.l2Bytes());
      r.put("nvlink_bytes_per_second", g.nvlinkBytesPerSecond());
      r.put("tdp_watts", g.tdpWatts());
      return r;
    }

    private static Map<String, Object> cluster(ClusterSpec cl) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", cl.name());
      r.put("description", cl.description());
      r.put("gpus", cl.gpus());
      r.put("nodes", cl.nodes());
      r.put("gpu", cl.gpu().name());
      r.put("gpus_per_node", cl.node().gpusPerNode());
      r.put("nvswitch", cl.node().nvswitch());
      r.put("nics_per_node", cl.node().nicsPerNode());
      r.put("nic_bits_per_second", cl.node().nicBitsPerSecond());
      r.put("topology", cl.topology().spelling());
      r.put("planes", cl.planes());
      r.put("oversubscription", cl.oversubscription());
      r.put("nvlink_achievable_bytes_per_second", cl.nvlinkAchievableBytesPerSecond());
      r.put("ib_achievable_bytes_per_second", cl.ibAchievableBytesPerSecond());
      return r;
    }
  }
}
