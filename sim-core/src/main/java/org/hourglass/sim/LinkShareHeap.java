package org.hourglass.sim;

import java.util.Arrays;

/**
 * A binary min-heap of (fair share, link) pairs on primitive arrays, for {@link MaxMinFairShare}.
 * Equal shares pop the lower link index first, so a solve is deterministic.
 */
final class LinkShareHeap {
  private double[] shares = new double[64];
  private int[] links = new int[64];
  private int size;
  private double poppedShare;

  void clear() {
    size = 0;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void push(int link, double share) {
    if (size == links.length) {
      shares = Arrays.copyOf(shares, 2 * size);
      links = Arrays.copyOf(links, 2 * size);
    }
    int position = size++;
    while (position > 0) {
      int parent = (position - 1) >>> 1;
      if (!before(share, link, parent)) {
        break;
      }
      shares[position] = shares[parent];
      links[position] = links[parent];
      position = parent;
    }
    shares[position] = share;
    links[position] = link;
  }

  /** Removes the entry with the smallest share and returns its link; its share is {@link #poppedShare()}. */
  int pop() {
    int link = links[0];
    poppedShare = shares[0];
    int last = --size;
    if (last > 0) {
      siftDown(shares[last], links[last]);
    }
    return link;
  }

  double poppedShare() {
    return poppedShare;
  }

  private void siftDown(double share, int link) {
    int position = 0;
    while (true) {
      int child = 2 * position + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(shares[child + 1], links[child + 1], child)) {
        child++;
      }
      if (!before(shares[child], links[child], share, link)) {
        break;
      }
      shares[position] = shares[child];
      links[position] = links[child];
      position = child;
    }
    shares[position] = share;
    links[position] = link;
  }

  private boolean before(double share, int link, int position) {
    return before(share, link, shares[position], links[position]);
  }

  private static boolean before(double share, int link, double otherShare, int otherLink) {
    return share < otherShare || (share == otherShare && link < otherLink);
  }
}
