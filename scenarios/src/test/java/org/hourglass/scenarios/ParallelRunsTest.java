package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs started largest first still come back, and fail, in the order of their inputs. */
class ParallelRunsTest {
  @Test
  void oneThreadStartsTheLargestFirstAndTiesInInputOrder() {
    List<Integer> started = Collections.synchronizedList(new ArrayList<>());
    List<Integer> sizes = List.of(1, 5, 3, 5, 2);
    List<Integer> results = ParallelRuns.map(sizes, s -> s, s -> {
      started.add(s);
      return s * 10;
    }, 1, done -> { });
    assertEquals(List.of(5, 5, 3, 2, 1), started);
    assertEquals(List.of(10, 50, 30, 50, 20), results, "results in input order");
  }

  @Test
  void theFailureReportedIsTheFirstInInputOrderWhereverItStarted() {
    List<Integer> sizes = List.of(1, 2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParallelRuns.map(sizes, s -> s, s -> {
      if (s < 3) {
        throw new IllegalArgumentException("input " + s);
      }
      return s;
    }, 2, done -> { }));
    assertEquals("input 1", e.getMessage(), "input 1 starts last but comes first");
  }
}
