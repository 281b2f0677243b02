package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An EP64 MoE dispatch as one all-to-all of 64 * 63 = 4032 flows on a two-level topology: 8 nodes
 * of 8 GPUs; inside a node a GPU's NVLink port (160 GB/s per direction, the achievable H800 figure
 * of the DeepSeek-V3 report), between nodes its own NIC (50 GB/s per direction, 400 Gb/s CX7 IB,
 * same source) and its node's uplink to a non-blocking spine (8 NICs' worth). Token routing is
 * drawn at random: 4096 tokens per GPU, each to 8 distinct experts' GPUs, 7168 FP8 bytes per copy.
 * It prints the wall time of the simulation; it asserts the exchange, not a speed.
 */
class AllToAllFlowBenchmarkTest {
  private static final int NODES = 8;
  private static final int GPUS_PER_NODE = 8;
  private static final int GPUS = NODES * GPUS_PER_NODE;
  private static final double NVLINK_BYTES_PER_SECOND = 160e9;
  private static final double NIC_BYTES_PER_SECOND = 50e9;
  private static final int TOKENS_PER_GPU = 4096;
  private static final int TOP_K = 8;
  private static final double TOKEN_BYTES = 7168; // hidden size 7168 in FP8

  private final Simulation simulation = new Simulation();
  private final FlowNetwork network = new FlowNetwork(simulation);
  private final int[] nvlinkOut = new int[GPUS];
  private final int[] nvlinkIn = new int[GPUS];
  private final int[] nicOut = new int[GPUS];
  private final int[] nicIn = new int[GPUS];
  private final int[] nodeUp = new int[NODES];
  private final int[] nodeDown = new int[NODES];

  @Test
  void ep64DispatchCompletesEveryFlowAndNoNicBeatsItsLineRate() {
    buildTopology();
    double[][] bytes = routeTokens(new SplittableRandom(64));
    long[] endPs = new long[GPUS * GPUS];
    long wallStart = System.nanoTime();
    for (int src = 0; src < GPUS; src++) {
      for (int dst = 0; dst < GPUS; dst++) {
        if (src != dst) {
          network.startFlow(path(src, dst), bytes[src][dst], pair -> endPs[(int) pair] = simulation.nowPs(), src * GPUS + dst);
        }
      }
    }
    long lastPs = simulation.run();
    double wallMs = (System.nanoTime() - wallStart) / 1e6;
    System.out.printf("EP64 all-to-all: %d flows over %d links, simulated %.1f us in %.1f ms wall, %d recomputes, %d events%n",
        GPUS * (GPUS - 1), network.linkCount(), lastPs / 1e6, wallMs, network.recomputeCount(), simulation.eventsFired());
    assertEquals(GPUS * (GPUS - 1), network.flowsCompleted());
    assertEquals(lastPs, maxOf(endPs));
    assertTrue(lastPs >= busiestNicPs(bytes), "the exchange cannot beat the busiest NIC");
    System.out.printf("per-GPU internode bandwidth: %.1f GB/s (NIC line rate 50 GB/s)%n",
        maxNicBytes(bytes) / SimTime.toSeconds(lastPs) / 1e9);
  }

  private void buildTopology() {
    for (int gpu = 0; gpu < GPUS; gpu++) {
      nvlinkOut[gpu] = network.addLink("gpu" + gpu + ".nvlink.out", NVLINK_BYTES_PER_SECOND);
      nvlinkIn[gpu] = network.addLink("gpu" + gpu + ".nvlink.in", NVLINK_BYTES_PER_SECOND);
      nicOut[gpu] = network.addLink("gpu" + gpu + ".nic.out", NIC_BYTES_PER_SECOND);
      nicIn[gpu] = network.addLink("gpu" + gpu + ".nic.in", NIC_BYTES_PER_SECOND);
    }
    for (int node = 0; node < NODES; node++) {
      nodeUp[node] = network.addLink("node" + node + ".up", GPUS_PER_NODE * NIC_BYTES_PER_SECOND);
      nodeDown[node] = network.addLink("node" + node + ".down", GPUS_PER_NODE * NIC_BYTES_PER_SECOND);
    }
  }

  private int[] path(int src, int dst) {
    int srcNode = src / GPUS_PER_NODE;
    int dstNode = dst / GPUS_PER_NODE;
    if (srcNode == dstNode) {
      return new int[] {nvlinkOut[src], nvlinkIn[dst]};
    }
    return new int[] {nicOut[src], nodeUp[srcNode], nodeDown[dstNode], nicIn[dst]};
  }

  /** Bytes from each GPU to each other GPU; a token's copies for experts on its own GPU stay local. */
  private static double[][] routeTokens(SplittableRandom random) {
    double[][] bytes = new double[GPUS][GPUS];
    for (int src = 0; src < GPUS; src++) {
      double[] fromSrc = bytes[src];
      for (int token = 0; token < TOKENS_PER_GPU; token++) {
        random.ints(0, GPUS).distinct().limit(TOP_K).forEach(dst -> fromSrc[dst] += TOKEN_BYTES);
      }
    }
    return bytes;
  }

  private static double maxNicBytes(double[][] bytes) {
    double max = 0;
    for (int gpu = 0; gpu < GPUS; gpu++) {
      double out = 0;
      double in = 0;
      for (int other = 0; other < GPUS; other++) {
        if (other / GPUS_PER_NODE != gpu / GPUS_PER_NODE) {
          out += bytes[gpu][other];
          in += bytes[other][gpu];
        }
      }
      max = Math.max(max, Math.max(out, in));
    }
    return max;
  }

  private static long busiestNicPs(double[][] bytes) {
    return SimTime.transferPs(maxNicBytes(bytes), NIC_BYTES_PER_SECOND);
  }

  private static long maxOf(long[] values) {
    long max = Long.MIN_VALUE;
    for (long value : values) {
      max = Math.max(max, value);
    }
    return max;
  }
}
