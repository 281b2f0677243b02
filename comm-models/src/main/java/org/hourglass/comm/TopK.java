package org.hourglass.comm;

/** The k largest of a stream of (index, value) offers, kept sorted by insertion; ties keep the earlier offer. */
final class TopK {
  private final int[] indices;
  private final double[] values;
  private int size;

  TopK(int k) {
    this.indices = new int[k];
    this.values = new double[k];
  }

  void reset() {
    size = 0;
  }

  /** Keeps the offer if it is among the k largest so far; the common rejection is small enough to inline. */
  void offer(int index, double value) {
    if (size < indices.length || value > values[size - 1]) {
      insert(index, value);
    }
  }

  private void insert(int index, double value) {
    int at = size < indices.length ? size++ : size - 1;
    while (at > 0 && values[at - 1] < value) {
      indices[at] = indices[at - 1];
      values[at] = values[at - 1];
      at--;
    }
    indices[at] = index;
    values[at] = value;
  }

  int size() {
    return size;
  }

  int index(int i) {
    return indices[i];
  }

  double value(int i) {
    return values[i];
  }
}
