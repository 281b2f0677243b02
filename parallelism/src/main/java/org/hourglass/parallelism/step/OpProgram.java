package org.hourglass.parallelism.step;

import java.util.ArrayList;
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
  final int[] chainOf;
  final boolean[] done;
  final int[] commOrder;
  int commNext;
  private final int[] readyCompute;
  private int readyHead;
  private int readyTail;
  private final int[] chainRemaining;
  int chainsRemaining;

  private OpProgram(Op op, List<Task> tasks, List<List<long[]>> chains) {
    this.op = op;
    this.chainTask = tasks.toArray(new Task[0]);
    int total = chains.stream().mapToInt(List::size).sum();
    durationPs = new long[total];
    collective = new boolean[total];
    chainOf = new int[total];
    done = new boolean[total];
    readyCompute = new int[total];
    chainRemaining = new int[chains.size()];
    chainsRemaining = chains.size();
    int i = 0;
    for (int c = 0; c < chains.size(); c++) {
      for (long[] component : chains.get(c)) {
        durationPs[i] = component[0];
        collective[i] = component[1] == 1;
        chainOf[i++] = c;
      }
      chainRemaining[c] = chains.get(c).size();
    }
    commOrder = interleavedCommOrder(chains);
    for (int c = 0; c < chains.size(); c++) {
      int first = firstOf(c);
      if (!collective[first]) {
        readyCompute[readyTail++] = first;
      }
    }
  }

  /** Builds the program of {@code op} on the GPU of data-parallel {@code replica}, in expert {@code group}. */
  static OpProgram build(Op op, StageWork[] stages, int replica, int group) {
    List<List<long[]>> chains = new ArrayList<>();
    for (Task task : op.tasks()) {
      chains.add(chainOf(task, stages[task.stage()], replica, group));
    }
    return new OpProgram(op, op.tasks(), chains);
  }

  /** The components of one task: {duration, 1 if collective}. Consecutive compute blocks merge. */
  static List<long[]> chainOf(Task task, StageWork stage, int replica, int group) {
    ChainBuilder chain = new ChainBuilder();
    List<LayerWork> layers = stage.layers();
    switch (task.pass()) {
      case FORWARD -> {
        for (LayerWork layer : layers) {
          chain.compute(layer.attentionForwardPs());
          if (layer.moe()) {
            chain.collective(layer.dispatchPs()[group]);
          }
          chain.compute(layer.mlpForwardPs()[replica]);
          if (layer.moe()) {
            chain.collective(layer.combinePs()[group]);
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
            chain.collective(layer.combineBackwardPs()[group]);
          }
          chain.compute(layer.mlpInputGradPs()[replica] + (full ? layer.mlpWeightGradPs()[replica] : 0));
          if (layer.moe()) {
            chain.collective(layer.dispatchBackwardPs()[group]);
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
    return chain.components();
  }

  private int firstOf(int chain) {
    int i = 0;
    while (chainOf[i] != chain) {
      i++;
    }
    return i;
  }

  /** For a pair, the backward chain's collectives alternate with the forward's, backward first. */
  private int[] interleavedCommOrder(List<List<long[]>> chains) {
    List<List<Integer>> perChain = new ArrayList<>();
    for (int c = 0; c < chains.size(); c++) {
      perChain.add(new ArrayList<>());
    }
    for (int i = 0; i < durationPs.length; i++) {
      if (collective[i]) {
        perChain.get(chainOf[i]).add(i);
      }
    }
    List<Integer> order = new ArrayList<>();
    int longest = perChain.stream().mapToInt(List::size).max().orElse(0);
    for (int k = 0; k < longest; k++) {
      for (int c = perChain.size() - 1; c >= 0; c--) {
        if (k < perChain.get(c).size()) {
          order.add(perChain.get(c).get(k));
        }
      }
    }
    return order.stream().mapToInt(Integer::intValue).toArray();
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

  /** Collects a chain's components, merging consecutive compute blocks into one. */
  private static final class ChainBuilder {
    private final List<long[]> components = new ArrayList<>();

    void compute(long ps) {
      if (ps <= 0) {
        return;
      }
      long[] last = components.isEmpty() ? null : components.get(components.size() - 1);
      if (last != null && last[1] == 0) {
        last[0] += ps;
      } else {
        components.add(new long[] {ps, 0});
      }
    }

    void collective(long ps) {
      components.add(new long[] {ps, 1});
    }

    List<long[]> components() {
      if (components.isEmpty()) {
        components.add(new long[] {0, 0}); // an empty stage still completes its task
      }
      return components;
    }
  }
}
