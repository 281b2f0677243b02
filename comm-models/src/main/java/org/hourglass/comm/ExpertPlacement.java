package org.hourglass.comm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which GPUs hold each routed expert. The base layout is contiguous (expert e on GPU e / (E / ep)),
 * as in DeepEP; redundant copies of the busiest experts may be added for inference (DeepSeek-V3 keeps
 * 32 in prefill on EP32, report s3.4.1), each placed on the least-loaded GPU of the original's node so
 * that node-limited routing still holds, and a token picks among an expert's copies round-robin.
 */
public final class ExpertPlacement {
  private final int gpus;
  private final int gpusPerNode;
  private final int[][] replicas;

  private ExpertPlacement(int gpus, int gpusPerNode, int[][] replicas) {
    this.gpus = gpus;
    this.gpusPerNode = gpusPerNode;
    this.replicas = replicas;
  }

  /** Experts spread evenly and contiguously over {@code gpus} GPUs, {@code gpusPerNode} per node. */
  public static ExpertPlacement contiguous(int experts, int gpus, int gpusPerNode) {
    if (gpus < 1 || experts % gpus != 0) {
      throw new IllegalArgumentException("experts (" + experts + ") must divide evenly over " + gpus + " GPUs");
    }
    if (gpusPerNode < 1 || gpus % Math.min(gpus, gpusPerNode) != 0) {
      throw new IllegalArgumentException("GPUs (" + gpus + ") must fill whole nodes of " + gpusPerNode);
    }
    int[][] replicas = new int[experts][];
    for (int e = 0; e < experts; e++) {
      replicas[e] = new int[] {e / (experts / gpus)};
    }
    return new ExpertPlacement(gpus, Math.min(gpus, gpusPerNode), replicas);
  }

  /**
   * Adds one copy of each of the {@code count} most-loaded experts (by {@code expertLoads}), greedily on
   * the least-loaded GPU of its node that has no copy yet (skipped when every GPU there has one); a copied expert's load is split evenly.
   */
  public ExpertPlacement withRedundantExperts(long[] expertLoads, int count) {
    if (count < 0 || count > replicas.length || expertLoads.length != replicas.length) {
      throw new IllegalArgumentException("redundant experts must be in 0.." + replicas.length + ", got " + count);
    }
    int[][] copy = Arrays.stream(replicas).map(int[]::clone).toArray(int[][]::new);
    ExpertPlacement result = new ExpertPlacement(gpus, gpusPerNode, copy);
    for (int expert : busiest(expertLoads, count)) {
      int gpu = result.leastLoadedGpuWithout(expert, expertLoads);
      if (gpu < 0) {
        continue;
      }
      copy[expert] = Arrays.copyOf(copy[expert], copy[expert].length + 1);
      copy[expert][copy[expert].length - 1] = gpu;
    }
    return result;
  }

  /** The GPU that serves the {@code tokenIndex}-th token routed to {@code expert}. */
  public int gpuOf(int expert, int tokenIndex) {
    int[] copies = replicas[expert];
    return copies[Math.floorMod(tokenIndex, copies.length)];
  }

  /** The node of a GPU. */
  public int nodeOf(int gpu) {
    return gpu / gpusPerNode;
  }

  /** Tokens per GPU when each expert's tokens are split evenly over its copies. */
  public double[] gpuLoads(long[] expertLoads) {
    double[] loads = new double[gpus];
    for (int e = 0; e < replicas.length; e++) {
      for (int gpu : replicas[e]) {
        loads[gpu] += expertLoads[e] / (double) replicas[e].length;
      }
    }
    return loads;
  }

  public int gpus() {
    return gpus;
  }

  public int gpusPerNode() {
    return gpusPerNode;
  }

  public int nodes() {
    return gpus / gpusPerNode;
  }

  public int experts() {
    return replicas.length;
  }

  /** Copies of one expert (1 without redundancy). */
  public int copiesOf(int expert) {
    return replicas[expert].length;
  }

  private int leastLoadedGpuWithout(int expert, long[] expertLoads) {
    double[] loads = gpuLoads(expertLoads);
    int first = nodeOf(replicas[expert][0]) * gpusPerNode;
    int best = -1;
    for (int gpu = first; gpu < first + gpusPerNode; gpu++) {
      if (!holds(expert, gpu) && (best < 0 || loads[gpu] < loads[best])) {
        best = gpu;
      }
    }
    return best;
  }

  private boolean holds(int expert, int gpu) {
    for (int g : replicas[expert]) {
      if (g == gpu) {
        return true;
      }
    }
    return false;
  }

  private static List<Integer> busiest(long[] expertLoads, int count) {
    List<Integer> order = new ArrayList<>();
    for (int e = 0; e < expertLoads.length; e++) {
      order.add(e);
    }
    order.sort(Comparator.comparingLong((Integer e) -> -expertLoads[e]).thenComparing(e -> e));
    return order.subList(0, count);
  }
}
