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
      int width = Math.max(10, c.gpus().stream().mapToInt(g -> String.join(",", g.aliases()).length()).max().orElse(0));
      out.printf("GPUs (dense tensor peaks; NVLink: datasheet, both directions; price: on-demand per GPU-hour)%n");
      out.printf(Locale.ROOT, "  %-10s %-" + width + "s %-10s %5s %9s %10s %8s %9s %12s %6s %7s%n", "name", "aliases", "arch", "SMs",
          "FP8 TF/s", "BF16 TF/s", "HBM GiB", "HBM TB/s", "NVLink GB/s", "W", "$/h");
      for (GpuSpec g : c.gpus()) {
        out.printf(Locale.ROOT, "  %-10s %-" + width + "s %-10s %5d %9.0f %10.0f %8.0f %9.2f %12.0f %6.0f %7.2f%n", g.name(),
            String.join(",", g.aliases()), g.architecture() + (g.extrapolation().isPresent() ? "*" : ""), g.sms().asLong(),
            g.fp8FlopsPerSecond().value() / 1e12, g.bf16FlopsPerSecond().value() / 1e12, g.hbmBytes().value() / (1L << 30),
            g.hbmBytesPerSecond().value() / 1e12, g.nvlinkBytesPerSecond().value() / 1e9, g.tdpWatts().value(),
            g.rentalUsdPerGpuHour().value());
      }
      out.printf("  * an estimate: kernel efficiencies are measured on Hopper and extrapolated%n");
      out.printf("Clusters (NVLink and scale-out: achievable per GPU, one direction)%n");
      for (String name : c.clusterNames()) {
        ClusterSpec cl = c.cluster(name);
        out.printf(Locale.ROOT, "  %-22s %5d x %-9s %2d per NVLink domain, NVLink %4.0f GB/s, %s %3.0f GB/s, %s%n", name, cl.gpus(),
            cl.gpu().name(), cl.nvlinkDomainGpus(), cl.nvlinkAchievableBytesPerSecond().value() / 1e9,
            cl.transport().equals("roce") ? "RoCE" : "IB  ", cl.ibAchievableBytesPerSecond().value() / 1e9, cl.topology().spelling());
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
      r.forEach((k, v) -> out.printf("  %-36s %s%n", k, v instanceof Figure f ? format(k, f) : v));
      out.flush();
      return 0;
    }

    /** A figure in the unit a person reads, what kind of figure it is, and its source. */
    private static String format(String key, Figure f) {
      return String.format(Locale.ROOT, "%-14s  [%s]", HumanUnits.of(key, f.value()), f.source());
    }

    private static Map<String, Object> gpu(GpuSpec g) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", g.name());
      r.put("aliases", String.join(", ", g.aliases()));
      r.put("description", g.description());
      r.put("sms", g.sms());
      r.put("fp8FlopsPerSecond", g.fp8FlopsPerSecond());
      r.put("bf16FlopsPerSecond", g.bf16FlopsPerSecond());
      r.put("fp32FlopsPerSecond", g.fp32FlopsPerSecond());
      r.put("hbmBytes", g.hbmBytes());
      r.put("hbmBytesPerSecond", g.hbmBytesPerSecond());
      r.put("l2Bytes", g.l2Bytes());
      r.put("nvlinkBytesPerSecond", g.nvlinkBytesPerSecond());
      r.put("tdpWatts", g.tdpWatts());
      r.put("architecture", g.architecture() + g.extrapolation().map(x -> " (" + x + ")").orElse(""));
      r.put("rentalUsdPerGpuHour", g.rentalUsdPerGpuHour());
      return r;
    }

    private static Map<String, Object> cluster(ClusterSpec cl) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", cl.name());
      r.put("description", cl.description());
      r.put("gpus", cl.gpus());
      r.put("nodes", cl.nodes());
      r.put("gpu", cl.gpu().name());
      r.put("gpusPerNode", cl.node().gpusPerNode());
      r.put("nvswitch", cl.node().nvswitch());
      r.put("nicsPerNode", cl.node().nicsPerNode());
      r.put("nicBitsPerSecond", cl.node().nicBitsPerSecond());
      r.put("nodeWatts", cl.node().watts());
      r.put("nvlinkDomainGpus", cl.nvlinkDomainGpus());
      r.put("transport", cl.transport());
      r.put("topology", cl.topology().spelling());
      r.put("levels", cl.levels());
      r.put("rails", cl.rails());
      r.put("planes", cl.planes());
      r.put("oversubscription", cl.oversubscription());
      r.put("nvlinkAchievableBytesPerSecond", cl.nvlinkAchievableBytesPerSecond());
      r.put("ibAchievableBytesPerSecond", cl.ibAchievableBytesPerSecond());
      r.put("storageWriteBytesPerSecond", cl.storageWriteBytesPerSecond());
      r.put("storageReadBytesPerSecond", cl.storageReadBytesPerSecond());
      return r;
    }
  }
}
