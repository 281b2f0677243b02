package org.hourglass.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hourglass.sim.QuaternaryHeapEventSet;
import org.hourglass.sim.RadixHeapEventSet;
import umontreal.ssj.simevents.eventlist.BinaryTree;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * Runs the hold model for each pending-event count on Hourglass's engine, SSJ's two fastest event
 * lists and a bare 4-ary heap, in one JVM, and reports events per second, ratios and heap use.
 * A benchmark, not a test: CI never asserts its speeds.
 */
public final class EngineBenchmark {
  /** Measured figures for one contestant at one pending-event count. */
  public record Measurement(String contestant, double eventsPerSecond, long heapBytes) {}

  /** All contestants at one pending-event count. */
  public record Row(int pending, List<Measurement> measurements) {
    /** The measurement of the named contestant. */
    public Measurement of(String contestant) {
      return measurements.stream().filter(m -> m.contestant().equals(contestant)).findFirst().orElseThrow();
    }

    /** The faster of SSJ's event lists. */
    public Measurement fastestSsj() {
      Measurement binary = of("ssj-BinaryTree");
      Measurement splay = of("ssj-SplayTree");
      return binary.eventsPerSecond() >= splay.eventsPerSecond() ? binary : splay;
    }
  }

  private final List<HoldModel.Contestant> contestants;
  private final long steps;
  private final int trials;

  /** Each measurement runs {@code steps} hold steps after as many warm-up steps, {@code trials} times. */
  public EngineBenchmark(long seed, long steps, int trials) {
    HoldModel model = new HoldModel(seed);
    this.contestants = List.of(
        new HourglassContestant(model),
        new EventSetContestant(model, "radix-heap-event-set", RadixHeapEventSet::new),
        new EventSetContestant(model, "quaternary-heap-event-set", QuaternaryHeapEventSet::new),
        new SsjContestant(model, "ssj-BinaryTree", BinaryTree::new),
        new SsjContestant(model, "ssj-SplayTree", SplayTree::new),
        new BareHeapContestant(model));
    this.steps = steps;
    this.trials = trials;
  }

  /** Measures every contestant at {@code pending} events. */
  public Row run(int pending) {
    List<Measurement> measurements = new ArrayList<>();
    for (HoldModel.Contestant contestant : contestants) {
      measurements.add(measure(contestant, pending));
    }
    return new Row(pending, measurements);
  }

  private Measurement measure(HoldModel.Contestant contestant, int pending) {
    long before = usedHeapBytes();
    contestant.fill(pending);
    long heapBytes = Math.max(0, usedHeapBytes() - before);
    contestant.hold(steps); // warm-up: lets the JIT compile and the list reach its steady shape
    double[] rates = new double[trials];
    for (int t = 0; t < trials; t++) {
      long start = System.nanoTime();
      long checksum = contestant.hold(steps);
      long elapsedNs = System.nanoTime() - start;
      rates[t] = steps / (elapsedNs / 1e9);
      blackhole(checksum);
    }
    contestant.clear();
    Arrays.sort(rates);
    return new Measurement(contestant.name(), rates[trials / 2], heapBytes);
  }

  private static long sink;

  private static void blackhole(long value) {
    sink ^= value;
  }

  private static long usedHeapBytes() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
