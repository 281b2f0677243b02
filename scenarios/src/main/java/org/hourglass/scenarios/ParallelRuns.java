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
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<R>> futures = new ArrayList<>();
      int[] done = {0};
      for (T input : inputs) {
        futures.add(pool.submit(() -> {
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
