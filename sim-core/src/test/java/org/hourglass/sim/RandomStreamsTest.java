package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {
  @Test
  void sameSeedAndNameGiveTheSameNumbers() {
    assertArrayEquals(draw(new RandomStreams(7).stream("routing")), draw(new RandomStreams(7).stream("routing")));
  }

  @Test
  void addingAStreamDoesNotChangeAnother() {
    RandomStreams alone = new RandomStreams(7);
    long[] expected = draw(alone.stream("routing"));
    RandomStreams crowded = new RandomStreams(7);
    draw(crowded.stream("stragglers"));
    draw(crowded.stream("failures"));
    assertArrayEquals(expected, draw(crowded.stream("routing")));
  }

  @Test
  void namesAndSeedsSeparateStreams() {
    assertNotEquals(new RandomStreams(7).seedOf("a"), new RandomStreams(7).seedOf("b"));
    assertNotEquals(new RandomStreams(7).seedOf("a"), new RandomStreams(8).seedOf("a"));
  }

  @Test
  void exponentialVariatesHaveTheirMean() {
    SplittableRandom random = new RandomStreams(1).stream("exp");
    double sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      sum += RandomStreams.exponential(random, 3.0);
    }
    assertEquals(3.0, sum / n, 0.03); // standard error 3 / sqrt(n) = 0.0067
  }

  private static long[] draw(SplittableRandom random) {
    long[] values = new long[8];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextLong();
    }
    return values;
  }
}
