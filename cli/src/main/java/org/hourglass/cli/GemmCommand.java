package org.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.fp8.ComputeDevice;
import org.hourglass.fp8.CostItem;
import org.hourglass.fp8.FineGrainedQuantization;
import org.hourglass.fp8.MemoryBoundCurves;
import org.hourglass.fp8.GemmCost;
import org.hourglass.fp8.GemmDtype;
import org.hourglass.fp8.GemmModel;
import org.hourglass.fp8.KernelEfficiency;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hourglass gemm}: the modelled time of one GEMM, what bounds it and every visible cost. */
@Command(
    name = "gemm",
    mixinStandardHelpOptions = true,
    description = "Time of one M x N x K GEMM (A: M x K, B: N x K, BF16 output) on one GPU: tensor-core roofline against HBM traffic, DeepGEMM tile and wave quantization over the SMs given, efficiency calibrated on DeepGEMM's H800 FP8 table (FP8) or the cuBLAS 8192^3 figure (BF16). 'seconds' is the kernel alone; 'totalSeconds' adds the FP8 quantization passes chosen with --quantize.")
final class GemmCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--m", required = true, description = "Rows of A and of the output (tokens).")
  long m;

  @Option(names = "--n", required = true, description = "Columns of the output (rows of B).")
  long n;

  @Option(names = "--k", required = true, description = "Inner dimension.")
  long k;

  @Option(names = "--dtype", defaultValue = "fp8", description = "fp8 or bf16 (default: ${DEFAULT-VALUE}).")
  String dtypeName;

  @Option(names = "--gpu", defaultValue = "h800", description = "h800, h100, h200, a100 or b200 (default: ${DEFAULT-VALUE}).")
  String gpu;

  @Option(names = "--sms", description = "SMs available to the GEMM (default: all; DeepSeek-V3 leaves 112 of 132).")
  Integer sms;

  @Option(names = "--quantize", defaultValue = "activations",
      description = "FP8 quantization passes to add: none, activations or all (default: ${DEFAULT-VALUE}).")
  String quantize;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public void run() {
    ComputeDevice device = ComputeDevice.byName(gpu, "--gpu");
    GemmDtype dtype = GemmDtype.parse(dtypeName, "--dtype");
    int usedSms = validate(device, dtype);
    GemmModel model = GemmModel.calibrated(device, dtype);
    GemmCost cost = model.dense(m, n, k, usedSms);
    List<CostItem> passes = quantizationPasses(device, dtype);
    double totalSeconds = cost.seconds() + passes.stream().mapToDouble(CostItem::exposedSeconds).sum();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(cost, passes, totalSeconds, model.efficiency()));
    } else {
      printText(out, cost, passes, totalSeconds, model.efficiency());
    }
    out.flush();
  }

  private int validate(ComputeDevice device, GemmDtype dtype) {
    positive("--m", m);
    positive("--n", n);
    positive("--k", k);
    if (!device.supports(dtype)) {
      throw new InvalidInputException("--dtype", device.name() + " has no " + dtypeName + " tensor cores");
    }
    int used = sms == null ? device.sms() : sms;
    if (used < 1 || used > device.sms()) {
      throw new InvalidInputException("--sms", "must lie in 1.." + device.sms() + " for " + device.name() + ", got " + used);
    }
    if (!List.of("none", "activations", "all").contains(quantize)) {
      throw new InvalidInputException("--quantize", "use none, activations or all, got '" + quantize + "'");
    }
    return used;
  }

  private static void positive(String field, long value) {
    if (value < 1) {
      throw new InvalidInputException(field, "must be positive, got " + value);
    }
  }

  private List<CostItem> quantizationPasses(ComputeDevice device, GemmDtype dtype) {
    List<CostItem> passes = new ArrayList<>();
    if (dtype != GemmDtype.FP8 || quantize.equals("none")) {
      return passes;
    }
    FineGrainedQuantization quantization = new FineGrainedQuantization(MemoryBoundCurves.published(device));
    passes.add(quantization.activations(m, k));
    if (quantize.equals("all")) {
      passes.add(quantization.weights(1, n, k));
    }
    return passes;
  }

  private static ObjectNode toJson(GemmCost cost, List<CostItem> passes, double totalSeconds, KernelEfficiency eff) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = mapper.createObjectNode();
    node.put("gpu", cost.device()).put("dtype", cost.dtype().name().toLowerCase(java.util.Locale.ROOT))
        .put("m", cost.rows()).put("n", cost.n()).put("k", cost.k()).put("sms", cost.sms())
        .put("seconds", cost.seconds()).put("tflops", cost.tflops()).put("bound", cost.bound().label())
        .put("tile", cost.tile().toString()).put("tiles", cost.tiles()).put("waves", cost.waves())
        .put("flops", cost.flops()).put("hbmBytesPerSecond", cost.hbmBytesPerSecond())
        .put("totalSeconds", totalSeconds);
    ArrayNode items = node.putArray("breakdown");
    cost.breakdown().forEach(i -> addItem(items, i, "kernel"));
    passes.forEach(i -> addItem(items, i, "separate pass"));
    node.putObject("efficiency").put("tensorFraction", eff.tensorFraction()).put("hbmFraction", eff.hbmFraction())
        .put("tileOverheadSeconds", eff.tileOverheadSeconds()).put("launchSeconds", eff.launchSeconds())
        .put("source", eff.source());
    return node;
  }

  private static void addItem(ArrayNode items, CostItem item, String where) {
    items.addObject().put("name", item.name()).put("seconds", item.seconds())
        .put("exposedSeconds", item.exposedSeconds()).put("where", where).put("note", item.note());
  }

  private static void printText(PrintWriter out, GemmCost c, List<CostItem> passes, double total, KernelEfficiency e) {
    out.printf("%s GEMM %d x %d x %d on %s, %d SMs: %.2f us, %.0f TFLOP/s, %s-bound%n",
        c.dtype(), c.rows(), c.n(), c.k(), c.device(), c.sms(), c.seconds() * 1e6, c.tflops(), c.bound().label());
    out.printf("tile %s, %d tiles in %d waves, %.0f GB/s HBM%n", c.tile(), c.tiles(), c.waves(), c.hbmBytesPerSecond() / 1e9);
    out.printf("%-32s %12s %12s  %s%n", "cost", "alone us", "exposed us", "note");
    c.breakdown().forEach(i -> printItem(out, i));
    passes.forEach(i -> printItem(out, i));
    out.printf("total with quantization passes: %.2f us%n", total * 1e6);
    out.printf("efficiency: tensor %.3f, HBM %.3f, tile %.2f us, launch %.2f us (%s)%n", e.tensorFraction(),
        e.hbmFraction(), e.tileOverheadSeconds() * 1e6, e.launchSeconds() * 1e6, e.source());
  }

  private static void printItem(PrintWriter out, CostItem i) {
    out.printf("%-32s %12.3f %12.3f  %s%n", i.name(), i.seconds() * 1e6, i.exposedSeconds() * 1e6, i.note());
  }
}
