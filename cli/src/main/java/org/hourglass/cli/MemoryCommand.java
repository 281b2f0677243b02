package org.hourglass.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.parallelism.costs.ContextExchange;
import org.hourglass.parallelism.costs.ContextParallel;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.MemoryBreakdown;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.workload.PipelineSchedule;
import org.hourglass.workload.Precision;
import org.hourglass.workload.Recomputation;
import org.hourglass.workload.TrainingLayout;
import org.hourglass.workload.TrainingMemory;
import org.hourglass.workload.TrainingRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass memory}: training memory per GPU for a parallel layout, by part, for the rank that
 * needs the most; exits 2 with one line when that rank does not fit the GPU.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Training memory per GPU for a parallel layout (weights, gradients, ZeRO-1 optimizer states, activations).")
final class MemoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Built-in model or YAML file.")
  String model;

  @Option(names = "--gpu", defaultValue = "h800", description = "GPU name or YAML file (default: ${DEFAULT-VALUE}).")
  String gpu;

  @Option(names = "--gpus", description = "Total GPUs; pp x dp x tp must equal it. Without --dp, dp = gpus / (pp x tp).")
  Integer gpus;

  @Option(names = "--pp", required = true, description = "Pipeline-parallel stages.")
  int pp;

  @Option(names = "--ep", defaultValue = "1", description = "Expert-parallel degree (default: ${DEFAULT-VALUE}).")
  int ep;

  @Option(names = "--dp", description = "Data-parallel degree (ZeRO-1 shards optimizer states over it).")
  Integer dp;

  @Option(names = "--tp", defaultValue = "1", description = "Tensor-parallel degree (default: ${DEFAULT-VALUE}).")
  int tp;

  @Option(names = "--cp", defaultValue = "1", description = "GPUs that split one sequence; each holds seq / cp tokens and one "
      + "layer's whole-sequence keys and values (default: ${DEFAULT-VALUE}).")
  int cp;

  @Option(names = "--context-exchange", defaultValue = "key-value", description = "What a context-parallel group gathers: "
      + "key-value or latent (MLA only) (default: ${DEFAULT-VALUE}).")
  String contextExchange;

  @Option(names = "--schedule", defaultValue = "1f1b", description = "Pipeline schedule: 1f1b, zb1p, dualpipe or interleaved (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(names = "--micro-batch", defaultValue = "1", description = "Sequences per micro-batch (default: ${DEFAULT-VALUE}).")
  int microBatch;

  @Option(names = "--seq-len", description = "Tokens per sequence (default: the recipe's, else 4096).")
  Integer seqLen;

  @Option(names = "--recompute", description = "none, deepseek-v3 or full (default: the recipe's, else none).")
  String recompute;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    Architecture a = ModelCatalog.model(model);
    GpuSpec g = HardwareCatalog.builtIn().gpu(gpu);
    TrainingRecipe recipe = ModelCatalog.hasRecipe(a.name()) ? ModelCatalog.recipe(a.name()) : null;
    Precision precision = recipe != null ? recipe.precision() : Precision.BF16_MIXED;
    Recomputation r = recompute != null ? Recomputation.parse(recompute, "--recompute") : recipe != null ? recipe.recomputation() : Recomputation.NONE;
    int seq = seqLen != null ? seqLen : recipe != null ? recipe.sequenceLength() : 4096;
    int dataParallel = dataParallel();
    if (gpus != null && (long) pp * dataParallel * tp != gpus) {
      throw new InvalidInputException("--gpus", "pp x dp x tp = " + pp + " x " + dataParallel + " x " + tp + " = "
          + (long) pp * dataParallel * tp + " does not equal " + gpus + " GPUs");
    }
    ContextExchange exchange = contextExchange(a, dataParallel, seq);
    TrainingLayout layout = new TrainingLayout(pp, ep, dataParallel, tp, PipelineSchedule.parse(schedule, "--schedule"), microBatch,
        seq / cp);
    // one layer's gathered (and rebuilt) whole-sequence keys and values, as the plan's memory check counts them
    double contextBytes = ContextParallel.workspaceBytes(a.attention(), tp, cp, exchange, seq);
    MemoryBreakdown m = TrainingMemory.peak(a, layout, precision, r, g).plusActivations(contextBytes);
    print(spec.commandLine().getOut(), a, g, layout, precision, r, m, contextBytes);
    if (!m.fits()) {
      throw new ExitException(Hourglass.EXIT_BAD_INPUT, "layout does not fit: rank " + m.rank() + " needs " + Units.gib(m.totalBytes())
          + " but one " + g.name() + " has " + Units.gib(m.hbmBytes()));
    }
    return 0;
  }

  /** What the context-parallel group gathers, checked against the layout and the model. */
  private ContextExchange contextExchange(Architecture a, int dataParallel, int seq) {
    if (cp < 1 || dataParallel % cp != 0) {
      throw new InvalidInputException("--cp", cp + " must be at least 1 and divide dp = " + dataParallel);
    }
    if (seq % cp != 0) {
      throw new InvalidInputException("--cp", cp + " does not divide the " + seq + "-token sequence");
    }
    return ContextExchange.parse("--context-exchange", contextExchange).requireApplies(a, "--context-exchange");
  }

  private int dataParallel() {
    if (dp != null) {
      return dp;
    }
    if (gpus == null) {
      throw new InvalidInputException("--dp", "give --dp, or --gpus to derive it");
    }
    if (pp < 1 || tp < 1 || gpus % (pp * tp) != 0) {
      throw new InvalidInputException("--gpus", gpus + " GPUs do not divide into pp x tp = " + pp + " x " + tp);
    }
    return gpus / (pp * tp);
  }

  private void print(PrintWriter out, Architecture a, GpuSpec g, TrainingLayout l, Precision p, Recomputation r, MemoryBreakdown m,
      double contextBytes) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("model", a.name());
    j.put("gpu", g.name());
    j.put("layout", l);
    j.put("gpus", l.gpus());
    j.put("cp", cp);
    j.put("precision", p);
    j.put("recomputation", r.spelling());
    j.put("peakRank", m.rank());
    j.put("parametersOnRank", m.parameters());
    j.put("weightBytes", m.weightBytes());
    j.put("gradientBytes", m.gradientBytes());
    j.put("masterWeightBytes", m.masterWeightBytes());
    j.put("optimizerMomentBytes", m.optimizerMomentBytes());
    j.put("activationBytes", m.activationBytes());
    j.put("contextParallelBytes", contextBytes);
    j.put("microBatchesInFlight", m.microBatchesInFlight());
    j.put("totalBytes", m.totalBytes());
    j.put("hbmBytes", m.hbmBytes());
    j.put("fits", m.fits());
    j.put("notCounted", "CUDA context, communication buffers, workspaces, fragmentation, output logits");
    if (json) {
      Units.printJson(out, j);
      return;
    }
    out.printf("%s on %d x %s: pp %d, ep %d, dp %d, tp %d, %s, micro-batch %d x %d tokens%s%n", a.name(), l.gpus(), g.name(),
        l.pp(), l.ep(), l.dp(), l.tp(), l.schedule().spelling(), l.microBatchSequences(), l.sequenceLength(),
        cp > 1 ? " (cp " + cp + " of a " + (long) l.sequenceLength() * cp + "-token sequence, " + contextExchange + ")" : "");
    out.printf("  precision: GEMM %s, working weights %s, master %s, gradients %s, moments %s; recompute %s%n",
        p.gemm().spelling(), p.workingWeights().spelling(), p.masterWeights().spelling(), p.gradients().spelling(), p.optimizerMoments().spelling(), r.spelling());
    out.printf("  peak rank %d holds %s parameters%n", m.rank(), Units.billions(m.parameters()));
    line(out, "weights", m.weightBytes());
    line(out, "gradients", m.gradientBytes());
    line(out, "master weights (ZeRO-1)", m.masterWeightBytes());
    line(out, "optimizer moments (ZeRO-1)", m.optimizerMomentBytes());
    line(out, "activations (" + m.microBatchesInFlight() + " micro-batches)", m.activationBytes() - contextBytes);
    if (cp > 1) {
      line(out, "CP keys and values (one layer)", contextBytes);
    }
    line(out, "total", m.totalBytes());
    line(out, g.name() + " HBM", m.hbmBytes());
    out.printf("  %s (not counted: %s)%n", m.fits() ? "fits" : "DOES NOT FIT", j.get("notCounted"));
    out.flush();
  }

  private static void line(PrintWriter out, String name, double bytes) {
    out.printf("  %-36s %12s%n", name, Units.gib(bytes));
  }
}
