package org.hourglass.validation.reference;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.fp8.MemoryBoundBenchmarks;
import org.hourglass.fp8.MemoryBoundBenchmarks.Launch;
import org.hourglass.fp8.MemoryBoundKernel;

/**
 * The published Hopper microbenchmarks the memory-bound curves are fitted to, each launch held out of
 * its class's fit (the figure to trust): how well a floor and a bandwidth carry a class across sizes.
 */
public final class MemoryBoundBenchmarkCase implements ReferenceCase {
  @Override
  public String table() {
    return "Memory-bound kernel benchmarks, H100";
  }

  @Override
  public String source() {
    return "github linkedin/Liger-Kernel benchmark/data/all_benchmark_data.csv at ead96b6 (H100 80GB HBM3 rows);"
        + " github pytorch/helion pull request #3073, vLLM per-token-group FP8 quantization on an H100;"
        + " github pytorch/ao blockwise_fp8_training README at 55c56d0, H100 results (fp8-costs memory-bound-hopper.csv)";
  }

  @Override
  public List<Comparison> compare() {
    List<Comparison> out = new ArrayList<>();
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      List<Launch> launches = MemoryBoundBenchmarks.of(k);
      for (int i = 0; i < launches.size(); i++) {
        List<Launch> others = new ArrayList<>(launches);
        Launch held = others.remove(i);
        double predicted = MemoryBoundBenchmarks.fit(others, "held out").seconds(held.bytes());
        out.add(Comparison.of(k.profileName() + " " + held.shape() + ", leave-one-out fit", table(), 1e6 * predicted,
            1e6 * held.seconds(), "us", source()).withFit(Comparison.HELD_OUT));
      }
    }
    return out;
  }
}
