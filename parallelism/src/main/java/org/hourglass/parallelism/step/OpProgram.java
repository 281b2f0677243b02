package org.hourglass.parallelism.step;

import java.util.List;
import org.hourglass.dualpipe.Op;
import org.hourglass.dualpipe.Pass;
import org.hourglass.dualpipe.Task;

/**
 * One schedule op on one GPU, broken into the components its streams run: compute blocks on the
 * compute stream, all-to-alls on the communication stream. Each task of the op is a chain (attention,
 * dispatch, MLP, combine, next layer...), each component waiting for the one before it.
 *
 * <p>The compute stream takes ready components in the order they became ready. The communication
 * stream issues its components in a fixed order, the same on every GPU of an expert group, so that
 * the group's collectives line up: for an overlapped pair it alternates backward and forward
 * (combine-bwd, dispatch, dispatch-bwd, combine), which is DualPipe's pairing of one chunk's
 * communication with the other's computation (DeepSeek-V3 report, Figure 4). Compute never waits on
 * the communication order, and each chain keeps its order on the communication stream, so no
 * ordering can deadlock.
 */
final class OpProgram {
  final Op op;
  final Task[] chainTask;
  final long[] durationPs;
  final boolean[] collective;
  final long[] ibPs; // a collective's streaming on each member's InfiniBand ports
  final long[] latencyPs; // a collective's latency beyond its ports' streaming
  final int[] chainOf;
  final boolean[] done;
  final int[] commOrder;
  int commNext;
  private final int[] readyCompute;
  private int readyHead;
  private int readyTail;
  private final int[] chainRemaining;
  int chainsRemaining;

  /**
   * What an op's components are on one GPU, independent of which micro-batches the op carries: every
   * op of the same tasks (passes and stages) on that GPU has the same components, so a GPU builds
   * them once per kind of op and shares them, read-only, between its ops.
   */
  static final class Components {
    private final long[] durationPs;
    private final boolean[] collective;
    private final long[] ibPs;
    private final long[] latencyPs;
    private final int[] chainOf;
    private final int[] chainLength;
    private final int[] firstOfChain;
    private final int[] commOrder;

    private Components(ChainBuilder built, int chains) {
      int total = built.size;
      durationPs = java.util.Arrays.copyOf(built.durationPs, total);
      collective = java.util.Arrays.copyOf(built.collective, total);
      ibPs = java.util.Arrays.copyOf(built.ibPs, total);
      latencyPs = java.util.Arrays.copyOf(built.latencyPs, total);
      chainOf = java.util.Arrays.copyOf(built.chainOf, total);
      chainLength = new int[chains];
      firstOfChain = new int[chains];
      java.util.Arrays.fill(firstOfChain, -1);
      for (int i = 0; i < total; i++) {
        chainLength[chainOf[i]]++;
        if (firstOfChain[chainOf[i]] < 0) {
          firstOfChain[chainOf[i]] = i;
        }
      }
      commOrder = interleavedCommOrder(chains);
    }

    /** The components of {@code tasks} on the GPU of data-parallel {@code replica}, in expert {@code group}. */
    static Components of(List<Task> tasks, StageWork[] stages, int replica, int group) {
      ChainBuilder chain = new ChainBuilder();
      for (Task task : tasks) {
        chainOf(chain, task, stages[task.stage()], replica, group);
      }
      return new Components(chain, tasks.size());
    }

    /** For a pair, the backward chain's collectives alternate with the forward's, backward first. */
    private int[] interleavedCommOrder(int chains) {
      int[][] perChain = new int[chains][];
      int[] count = new int[chains];
      for (int i = 0; i < durationPs.length; i++) {
        if (collective[i]) {
          count[chainOf[i]]++;
        }
      }
      int longest = 0;
      int all = 0;
      for (int c = 0; c < chains; c++) {
        perChain[c] = new int[count[c]];
        longest = Math.max(longest, count[c]);
        all += count[c];
        count[c] = 0;
      }
      for (int i = 0; i < durationPs.length; i++) {
        if (collective[i]) {
          perChain[chainOf[i]][count[chainOf[i]]++] = i;
        }
      }
      int[] order = new int[all];
      int n = 0;
      for (int k = 0; k < longest; k++) {
        for (int c = chains - 1; c >= 0; c--) {
          if (k < perChain[c].length) {
            order[n++] = perChain[c][k];
          }
        }
      }
      return order;
    }
  }

  /** {@code tasks} are the op's, in its order: ops start millions of times a plan, so no list is made for them. */
  private OpProgram(Op op, Task[] tasks, Components c) {
    this.op = op;
    this.chainTask = tasks;
    durationPs = c.durationPs;
    collective = c.collective;
    ibPs = c.ibPs;
    latencyPs = c.latencyPs;
    chainOf = c.chainOf;
    commOrder = c.commOrder;
    int chains = chainTask.length;
    done = new boolean[durationPs.length];
    readyCompute = new int[durationPs.length];
    chainRemaining = c.chainLength.clone();
    chainsRemaining = chains;
    for (int chain = 0; chain < chains; chain++) {
      int first = c.firstOfChain[chain];
      if (!collective[first]) {
        readyCompute[readyTail++] = first;
      }
    }
  }

  /** The program of {@code op} with its GPU's {@code components} for ops of its tasks. */
  static OpProgram of(Op op, Components components) {
    Task[] tasks = op.isOverlapped() ? new Task[] {op.first(), op.second()} : new Task[] {op.first()};
    if (components.chainLength.length != tasks.length) {
      throw new IllegalArgumentException("components of " + components.chainLength.length + " chains for an op of "
          + tasks.length + " tasks");
    }
    return new OpProgram(op, tasks, components);
  }

  /** The components of one task, appended to {@code chain} as its next chain. Consecutive compute blocks merge. */
  private static void chainOf(ChainBuilder chain, Task task, StageWork stage, int replica, int group) {
    chain.startChain();
    List<LayerWork> layers = stage.layers();
    switch (task.pass()) {
      case FORWARD -> {
        for (LayerWork layer : layers) {
          chain.compute(layer.attentionForwardPs());
          if (layer.moe()) {
            chain.collective(layer.dispatchPs()[group], layer.dispatchIbPs()[group], layer.allToAllLatencyPs());
          }
          chain.compute(layer.mlpForwardPs()[replica]);
          if (layer.moe()) {
            chain.collective(layer.combinePs()[group], layer.combineIbPs()[group], layer.allToAllLatencyPs());
          }
        }
        chain.compute(stage.extraForwardPs());
      }
      case BACKWARD, BACKWARD_INPUT -> {
        boolean full = task.pass() == Pass.BACKWARD;
        chain.compute(stage.extraInputGradPs() + (full ? stage.extraWeightGradPs() : 0));
        for (int j = layers.size() - 1; j >= 0; j--) {
          LayerWork layer = layers.get(j);
          if (layer.moe()) {
            chain.collective(layer.combineBackwardPs()[group], layer.dispatchIbPs()[group], layer.allToAllLatencyPs());
          }
          chain.compute(layer.mlpInputGradPs()[replica] + (full ? layer.mlpWeightGradPs()[replica] : 0));
          if (layer.moe()) {
            chain.collective(layer.dispatchBackwardPs()[group], layer.combineIbPs()[group], layer.allToAllLatencyPs());
          }
          chain.compute(layer.attentionInputGradPs() + (full ? layer.attentionWeightGradPs() : 0));
        }
      }
      case WEIGHT -> {
        long total = stage.extraWeightGradPs();
        for (LayerWork layer : layers) {
          total += layer.attentionWeightGradPs() + layer.mlpWeightGradPs()[replica];
        }
        chain.compute(total);
      }
    }
    chain.endChain();
  }

  /** Whether component {@code i} may start: the component before it in its chain is done. */
  boolean predecessorDone(int i) {
    return i == 0 || chainOf[i - 1] != chainOf[i] || done[i - 1];
  }

  boolean hasReadyCompute() {
    return readyHead < readyTail;
  }

  int takeReadyCompute() {
    return readyCompute[readyHead++];
  }

  /** Marks {@code i} done; queues its successor if that is compute; returns whether its chain ended. */
  boolean complete(int i) {
    done[i] = true;
    int next = i + 1;
    if (next < durationPs.length && chainOf[next] == chainOf[i] && !collective[next]) {
      readyCompute[readyTail++] = next;
    }
    if (--chainRemaining[chainOf[i]] == 0) {
      chainsRemaining--;
      return true;
    }
    return false;
  }

  /** The next collective this GPU issues, or -1 when none is left. */
  int commHead() {
    return commNext < commOrder.length ? commOrder[commNext] : -1;
  }

  /**
   * Collects the components of an op's chains in flat arrays, merging consecutive compute blocks
   * of a chain into one; a chain with no work still gets one empty block, so its task completes.
   */
  private static final class ChainBuilder {
    long[] durationPs = new long[64];
    boolean[] collective = new boolean[64];
    long[] ibPs = new long[64];
    long[] latencyPs = new long[64];
    int[] chainOf = new int[64];
    int size;
    private int chain = -1;
    private int chainStart;

    void startChain() {
      chain++;
      chainStart = size;
    }

    void compute(long ps) {
      if (ps <= 0) {
        return;
      }
      if (size > chainStart && !collective[size - 1]) {
        durationPs[size - 1] += ps;
      } else {
        add(ps, false, 0, 0);
      }
    }

    void collective(long ps, long streamingIbPs, long latency) {
      add(ps, true, streamingIbPs, latency);
    }

    void endChain() {
      if (size == chainStart) {
        add(0, false, 0, 0);
      }
    }

    private void add(long ps, boolean isCollective, long streamingIbPs, long latency) {
      if (size == durationPs.length) {
        durationPs = java.util.Arrays.copyOf(durationPs, 2 * size);
        collective = java.util.Arrays.copyOf(collective, 2 * size);
        ibPs = java.util.Arrays.copyOf(ibPs, 2 * size);
        latencyPs = java.util.Arrays.copyOf(latencyPs, 2 * size);
        chainOf = java.util.Arrays.copyOf(chainOf, 2 * size);
      }
      durationPs[size] = ps;
      collective[size] = isCollective;
      ibPs[size] = streamingIbPs;
      latencyPs[size] = latency;
      chainOf[size++] = chain;
    }
  }
}
