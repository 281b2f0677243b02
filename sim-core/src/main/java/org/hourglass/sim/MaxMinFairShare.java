package org.hourglass.sim;

import java.util.Arrays;

/**
 * Max-min fair rates of flows over capacitated links, by progressive filling (Bertsekas and
 * Gallager, Data Networks, 2nd ed., section 6.5.2): the link with the smallest fair share
 * {@code residual capacity / unfixed flows} is a bottleneck; its unfixed flows get that share,
 * which is subtracted from every link on their paths; repeat until every flow is fixed.
 *
 * <p>Fixing flows never lowers another link's share: with residual R over n unfixed flows and
 * R / n at least the current share s, fixing k of them at s leaves (R - k s) / (n - k) at least
 * R / n. So the heap keeps each link once under a key that is a lower bound of its share, and a
 * link popped with a stale key is put back under its current share (lazy increase-key); a link
 * popped with its current share has the smallest share of all. Cost per solve: O(H + P log L) for
 * H total hops of the flows, L links and P pops. Scratch arrays are kept between solves: a warm
 * solve allocates nothing.
 */
final class MaxMinFairShare {
  private int[] unfixedFlows = new int[0]; // by link
  private double[] residualBytesPerSecond = new double[0]; // by link
  private int[] firstEntry = new int[1]; // by link: start of its flows in flowsByLink
  private int[] fillCursor = new int[0]; // by link
  private int[] flowsByLink = new int[0]; // flow indices grouped by link
  private boolean[] fixed = new boolean[0]; // by flow
  private final LinkShareHeap heap = new LinkShareHeap();

  /**
   * Writes into {@code rates[0..flowCount)} the max-min fair rate, in bytes per second, of each
   * flow {@code f} crossing the links {@code paths[f]} (no link twice), given the capacities.
   */
  void solve(int flowCount, int[][] paths, double[] capacityBytesPerSecond, int linkCount, double[] rates) {
    ensureCapacity(flowCount, linkCount);
    int hops = countFlowsPerLink(flowCount, paths, linkCount);
    indexFlowsByLink(flowCount, paths, linkCount, hops);
    heap.clear();
    for (int link = 0; link < linkCount; link++) {
      residualBytesPerSecond[link] = capacityBytesPerSecond[link];
      if (unfixedFlows[link] > 0) {
        heap.push(link, shareOf(link));
      }
    }
    while (!heap.isEmpty()) {
      int link = heap.pop();
      if (unfixedFlows[link] == 0) {
        continue;
      }
      double share = shareOf(link);
      if (share == heap.poppedShare()) {
        fixFlowsOn(link, share, paths, rates);
      } else {
        heap.push(link, share);
      }
    }
  }

  private double shareOf(int link) {
    return Math.max(0.0, residualBytesPerSecond[link]) / unfixedFlows[link];
  }

  private void ensureCapacity(int flowCount, int linkCount) {
    if (unfixedFlows.length < linkCount) {
      int size = Math.max(linkCount, 2 * unfixedFlows.length);
      unfixedFlows = new int[size];
      residualBytesPerSecond = new double[size];
      firstEntry = new int[size + 1];
      fillCursor = new int[size];
    }
    if (fixed.length < flowCount) {
      fixed = new boolean[Math.max(flowCount, 2 * fixed.length)];
    }
    Arrays.fill(fixed, 0, flowCount, false);
    Arrays.fill(unfixedFlows, 0, linkCount, 0);
  }

  private int countFlowsPerLink(int flowCount, int[][] paths, int linkCount) {
    int hops = 0;
    for (int flow = 0; flow < flowCount; flow++) {
      for (int link : paths[flow]) {
        unfixedFlows[link]++;
      }
      hops += paths[flow].length;
    }
    return hops;
  }

  /** Groups flow indices by link (compressed sparse rows): link l's flows lie in [firstEntry[l], firstEntry[l+1]). */
  private void indexFlowsByLink(int flowCount, int[][] paths, int linkCount, int hops) {
    if (flowsByLink.length < hops) {
      flowsByLink = new int[Math.max(hops, 2 * flowsByLink.length)];
    }
    int start = 0;
    for (int link = 0; link < linkCount; link++) {
      firstEntry[link] = start;
      fillCursor[link] = start;
      start += unfixedFlows[link];
    }
    firstEntry[linkCount] = start;
    for (int flow = 0; flow < flowCount; flow++) {
      for (int link : paths[flow]) {
        flowsByLink[fillCursor[link]++] = flow;
      }
    }
  }

  private void fixFlowsOn(int bottleneck, double share, int[][] paths, double[] rates) {
    for (int entry = firstEntry[bottleneck]; entry < firstEntry[bottleneck + 1]; entry++) {
      int flow = flowsByLink[entry];
      if (!fixed[flow]) {
        fixed[flow] = true;
        rates[flow] = share;
        release(paths[flow], share);
      }
    }
  }

  /** Takes a newly fixed flow's share out of each link on its path. */
  private void release(int[] path, double share) {
    for (int link : path) {
      residualBytesPerSecond[link] -= share;
      unfixedFlows[link]--;
    }
  }
}
