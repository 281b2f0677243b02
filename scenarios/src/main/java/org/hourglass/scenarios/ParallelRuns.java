package org.hourglass.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs independent simulations on a fixed number of threads and returns their results in the order
 * of their inputs, so the output does not depend on the thread count or on which finished first.
 */
final class ParallelRuns {
  private ParallelRuns() {}

  /** {@code work} applied to every input on {@code threads} threads; {@code progress} hears how many are done. */
  static <T, R> List<R> map(List<T> inputs, Function<T, R> work, int threads, IntConsumer progress) {
    return map(inputs, input -> 0L, work, threads, progress);
  }

  /**
   * As {@link #map(List, Function, int, IntConsumer)}, started largest {@code size} first (ties in
   * input order), so that no long run is left to start last while the other threads idle (the
   * longest-processing-time rule). Results, and the failure reported if several fail, still come in
   * input order.
   */
  static <T, R> List<R> map(List<T> inputs, java.util.function.ToLongFunction<T> size, Function<T, R> work, int threads,
      IntConsumer progress) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<R>> futures = new ArrayList<>(java.util.Collections.nCopies(inputs.size(), null));
      int[] done = {0};
      List<Integer> startOrder = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        startOrder.add(i);
      }
      startOrder.sort(java.util.Comparator.comparingLong((Integer i) -> size.applyAsLong(inputs.get(i))).reversed());
      for (int i : startOrder) {
        T input = inputs.get(i);
        futures.set(i, pool.submit(() -> {
          R result = work.apply(input);
          synchronized (done) {
            progress.accept(++done[0]);
          }
          return result;
        }));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
