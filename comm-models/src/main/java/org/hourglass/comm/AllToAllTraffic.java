package org.hourglass.comm;

import java.util.Arrays;

/**
 * The traffic matrix of one node-limited MoE dispatch, in token copies per GPU port, as DeepSeek-V3
 * and DeepEP move it (report s3.2.2): a token crosses IB once per remote target node, to the GPU with
 * its own in-node index, which forwards it over NVLink to every other GPU of that node holding one of
 * its experts; for its own node the source GPU sends over NVLink directly; copies to itself are free.
 * Combine is the same matrix reversed (experts' outputs reduced at the forwarder, one IB send per node).
 */
public final class AllToAllTraffic {
  private final int gpusPerNode;
  private final int tokensPerGpu;
  private final long[] ibOut;
  private final long[] ibIn;
  private final long[] nvlinkOut;
  private final long[] nvlinkIn;
  private final long[] nodePairsBySource;
  private final long[] gpuPairsByDestination;
  private final long[][] copies;
  private final long[][] ibTokens;

  private AllToAllTraffic(int gpus, int gpusPerNode, int tokensPerGpu) {
    this.gpusPerNode = gpusPerNode;
    this.tokensPerGpu = tokensPerGpu;
    this.ibOut = new long[gpus];
    this.ibIn = new long[gpus];
    this.nvlinkOut = new long[gpus];
    this.nvlinkIn = new long[gpus];
    this.nodePairsBySource = new long[gpus];
    this.gpuPairsByDestination = new long[gpus];
    this.copies = new long[gpus][gpus];
    this.ibTokens = new long[gpus][gpus / gpusPerNode];
  }

  /** Counts every copy the sample's tokens make on every port. */
  public static AllToAllTraffic of(RoutingSample sample, ExpertPlacement placement) {
    if (sample.gpus() != placement.gpus()) {
      throw new IllegalArgumentException("sample has " + sample.gpus() + " GPUs, placement " + placement.gpus());
    }
    AllToAllTraffic traffic = new AllToAllTraffic(placement.gpus(), placement.gpusPerNode(), sample.tokensPerGpu());
    new Counter(traffic, sample, placement).countAll();
    return traffic;
  }

  public int gpus() {
    return ibOut.length;
  }

  public int tokensPerGpu() {
    return tokensPerGpu;
  }

  /** Token copies GPU {@code gpu} sends over IB in dispatch. */
  public long ibOut(int gpu) {
    return ibOut[gpu];
  }

  public long ibIn(int gpu) {
    return ibIn[gpu];
  }

  public long nvlinkOut(int gpu) {
    return nvlinkOut[gpu];
  }

  public long nvlinkIn(int gpu) {
    return nvlinkIn[gpu];
  }

  /** (token, target node) pairs of a source GPU, its own node included: DeepEP's RDMA byte count. */
  public long nodePairs(int gpu) {
    return nodePairsBySource[gpu];
  }

  /** (token, target GPU) pairs arriving at a GPU, itself included: DeepEP's NVLink receive count. */
  public long gpuPairs(int gpu) {
    return gpuPairsByDestination[gpu];
  }

  /** Token copies that source GPU {@code from} delivers to GPU {@code to} (zero for itself). */
  public long copies(int from, int to) {
    return copies[from][to];
  }

  /** Tokens source GPU {@code from} sends over IB to {@code node} (zero for its own node). */
  public long ibTokens(int from, int node) {
    return ibTokens[from][node];
  }

  public int gpusPerNode() {
    return gpusPerNode;
  }

  /** Mean number of nodes a token reaches. */
  public double meanNodesPerToken() {
    return Arrays.stream(nodePairsBySource).sum() / (double) (gpus() * (long) tokensPerGpu);
  }

  /** Mean number of GPUs a token reaches. */
  public double meanGpusPerToken() {
    return Arrays.stream(gpuPairsByDestination).sum() / (double) (gpus() * (long) tokensPerGpu);
  }

  /** Whether any copy crosses IB. */
  public boolean crossesNodes() {
    return Arrays.stream(ibOut).anyMatch(n -> n > 0);
  }

  /** Walks the tokens, marking per token the GPUs and nodes already reached. */
  private static final class Counter {
    private final AllToAllTraffic t;
    private final RoutingSample sample;
    private final ExpertPlacement placement;
    private final int[] gpuStamp;
    private final int[] nodeStamp;
    private final int[] tokensSeenByExpert;
    private int stamp;

    Counter(AllToAllTraffic traffic, RoutingSample sample, ExpertPlacement placement) {
      this.t = traffic;
      this.sample = sample;
      this.placement = placement;
      this.gpuStamp = new int[placement.gpus()];
      this.nodeStamp = new int[placement.nodes()];
      this.tokensSeenByExpert = new int[placement.experts()];
    }

    void countAll() {
      for (int source = 0; source < sample.gpus(); source++) {
        for (int token = 0; token < sample.tokensPerGpu(); token++) {
          stamp++;
          countToken(source, token);
        }
      }
    }

    private void countToken(int source, int token) {
      for (int slot = 0; slot < sample.routing().expertsPerToken(); slot++) {
        int expert = sample.expert(source, token, slot);
        int gpu = placement.gpuOf(expert, tokensSeenByExpert[expert]++);
        if (gpuStamp[gpu] != stamp) {
          gpuStamp[gpu] = stamp;
          reach(source, gpu);
        }
      }
    }

    private void reach(int source, int gpu) {
      t.gpuPairsByDestination[gpu]++;
      int node = placement.nodeOf(gpu);
      int forwarder = node == placement.nodeOf(source) ? source : node * t.gpusPerNode + source % t.gpusPerNode;
      if (nodeStamp[node] != stamp) {
        nodeStamp[node] = stamp;
        t.nodePairsBySource[source]++;
        if (forwarder != source) {
          t.ibTokens[source][node]++;
          t.ibOut[source]++;
          t.ibIn[forwarder]++;
        }
      }
      if (gpu != source) {
        t.copies[source][gpu]++;
      }
      if (gpu != forwarder) {
        t.nvlinkOut[forwarder]++;
        t.nvlinkIn[gpu]++;
      }
    }
  }
}
