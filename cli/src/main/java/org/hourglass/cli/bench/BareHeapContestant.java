package org.hourglass.cli.bench;

/**
 * The floor: a bare 4-ary min-heap of {@code long} times on one primitive array, with no handlers,
 * no payloads, no tie order and no cancellation. The engine is judged by how close it comes.
 */
final class BareHeapContestant implements HoldModel.Contestant {
  private final HoldModel model;
  private long[] heap = new long[0];
  private int size;
  private long drawn;

  BareHeapContestant(HoldModel model) {
    this.model = model;
  }

  @Override
  public String name() {
    return "bare-4-ary-heap";
  }

  @Override
  public void fill(int pending) {
    heap = new long[pending + 1];
    size = 0;
    drawn = 0;
    for (int i = 0; i < pending; i++) {
      push(model.incrementPs(drawn++));
    }
  }

  @Override
  public long hold(long steps) {
    long checksum = 0;
    for (long s = 0; s < steps; s++) {
      long now = pop();
      checksum += now;
      push(now + model.incrementPs(drawn++));
    }
    return checksum;
  }

  private void push(long time) {
    int position = size++;
    while (position > 0) {
      int parent = (position - 1) >>> 2;
      if (heap[parent] <= time) {
        break;
      }
      heap[position] = heap[parent];
      position = parent;
    }
    heap[position] = time;
  }

  private long pop() {
    long first = heap[0];
    long last = heap[--size];
    int position = 0;
    while (true) {
      int child = 4 * position + 1;
      if (child >= size) {
        break;
      }
      int least = child;
      int end = Math.min(child + 4, size);
      for (int c = child + 1; c < end; c++) {
        if (heap[c] < heap[least]) {
          least = c;
        }
      }
      if (heap[least] >= last) {
        break;
      }
      heap[position] = heap[least];
      position = least;
    }
    heap[position] = last;
    return first;
  }

  @Override
  public void clear() {
    heap = new long[0];
  }
}
