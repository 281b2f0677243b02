package org.hourglass.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named random streams derived from one seed. A stream's seed depends only on the master seed and
 * its name, so adding, removing or reordering streams never changes another stream's numbers.
 *
 * <p>The seed is SplitMix64's finalizer applied to the master seed mixed with a 64-bit FNV-1a hash
 * of the name's UTF-8 bytes (both public-domain constructions: Steele, Lea and Flood 2014; Fowler,
 * Noll and Vo).
 */
public final class RandomStreams {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final long masterSeed;

  public RandomStreams(long masterSeed) {
    this.masterSeed = masterSeed;
  }

  /** The master seed. */
  public long masterSeed() {
    return masterSeed;
  }

  /** A new generator for the named stream; the same name always starts at the same numbers. */
  public SplittableRandom stream(String name) {
    return new SplittableRandom(seedOf(name));
  }

  /** The seed of the named stream. */
  public long seedOf(String name) {
    return mix(masterSeed ^ mix(fnv1a(name)));
  }

  /** An exponential variate with the given mean, by inversion. */
  public static double exponential(SplittableRandom random, double mean) {
    return -mean * Math.log(1.0 - random.nextDouble());
  }

  private static long fnv1a(String name) {
    long hash = FNV_OFFSET;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    return hash;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
