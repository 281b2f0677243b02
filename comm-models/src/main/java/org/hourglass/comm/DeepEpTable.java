package org.hourglass.comm;

import java.util.List;

/**
 * DeepEP's published normal-kernel bandwidths on H800 with CX7 IB (github deepseek-ai/DeepEP,
 * docs/legacy.md, "Normal kernels with NVLink and RDMA forwarding", figures after the April 2025
 * update; copy in reference/deepep.csv). Setting: 4096 tokens per GPU, hidden 7168, top-4 groups
 * (at most the node count), top-8 of 256 experts, FP8 dispatch, BF16 combine, 24 SMs
 * (tests/test_internode.py and test_intranode.py). The GB/s are DeepEP's own metric: bytes of the
 * (token, node) pairs, own node included, over kernel time for RDMA rows; bytes received per GPU, own
 * copies included, for the NVLink row.
 */
public final class DeepEpTable {
  /** SMs DeepEP's benchmark gives the normal kernels (tests/test_internode.py: num_sms = 24). */
  public static final int BENCHMARK_SMS = 24;
  /** Tokens per GPU in the benchmark. */
  public static final int TOKENS_PER_GPU = 4096;
  /** Routed experts in the benchmark: (256 / ep) * ep = 256 for every ep here. */
  public static final int EXPERTS = 256;

  /** Which bandwidth a row reports. */
  public enum Domain { NVLINK, RDMA }

  /** One published row: expert-parallel width, domain, and dispatch and combine GB/s (1e9 bytes/s). */
  public record Row(int ep, Domain domain, double dispatchGBps, double combineGBps) {
    public double publishedGBps(AllToAllModel.Phase phase) {
      return phase == AllToAllModel.Phase.DISPATCH ? dispatchGBps : combineGBps;
    }

    public String label() {
      return (domain == Domain.NVLINK ? "intranode" : "internode") + " EP" + ep;
    }
  }

  public static final List<Row> ROWS = List.of(
      new Row(8, Domain.NVLINK, 153, 158),
      new Row(16, Domain.RDMA, 43, 43),
      new Row(32, Domain.RDMA, 58, 57),
      new Row(64, Domain.RDMA, 51, 50));

  private DeepEpTable() {}

  /** The row for {@code ep}. */
  public static Row row(int ep) {
    return ROWS.stream().filter(r -> r.ep() == ep).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("DeepEP publishes no normal-kernel row for EP" + ep));
  }
}
