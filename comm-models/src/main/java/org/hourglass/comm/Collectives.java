package org.hourglass.comm;

/**
 * Closed-form (alpha-beta) times of the standard collectives over {@code n} ranks on identical
 * links, for a buffer of {@code bytes} per rank. Ring algorithms after Patarasuk and Yuan (2009) and
 * Thakur, Rabenseifner and Gropp (2005): reduce-scatter and all-gather take (n-1) steps of bytes/n,
 * all-reduce is the two in sequence, {@code 2(n-1) alpha + 2 (n-1)/n bytes/bw}. The tree all-reduce is
 * NCCL's double binary tree (Sanders, Speck and Traeff 2009): {@code 2 ceil(log2 n) alpha + 2 bytes/bw}.
 */
public final class Collectives {
  private Collectives() {}

  /** Ring all-reduce: {@code 2(n-1) alpha + 2 (n-1)/n bytes / bw}. */
  public static long ringAllReducePs(Link link, int ranks, double bytes) {
    return ringReduceScatterPs(link, ranks, bytes) + ringAllGatherPs(link, ranks, bytes);
  }

  /** Ring reduce-scatter: each rank ends with the reduced 1/n of the buffer; {@code (n-1)(alpha + bytes/(n bw))}. */
  public static long ringReduceScatterPs(Link link, int ranks, double bytes) {
    return ringStepsPs(link, ranks, bytes);
  }

  /** Ring all-gather: each rank contributes bytes/n and ends with the whole buffer of {@code bytes}. */
  public static long ringAllGatherPs(Link link, int ranks, double bytes) {
    return ringStepsPs(link, ranks, bytes);
  }

  /** Double-binary-tree all-reduce: a pipelined reduce then broadcast, {@code 2 ceil(log2 n) alpha + 2 bytes/bw}. */
  public static long treeAllReducePs(Link link, int ranks, double bytes) {
    checkRanks(ranks);
    if (ranks == 1) {
      return 0;
    }
    return 2 * ceilLog2(ranks) * link.latencyPs() + 2 * link.serializationPs(bytes);
  }

  /** The faster of ring and tree, as NCCL's tuner picks per message size. */
  public static long bestAllReducePs(Link link, int ranks, double bytes) {
    return Math.min(ringAllReducePs(link, ranks, bytes), treeAllReducePs(link, ranks, bytes));
  }

  private static long ringStepsPs(Link link, int ranks, double bytes) {
    checkRanks(ranks);
    if (ranks == 1) {
      return 0;
    }
    long stepPs = link.transferPs(bytes / ranks);
    return (ranks - 1) * stepPs;
  }

  static long ceilLog2(int n) {
    return 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  private static void checkRanks(int ranks) {
    if (ranks < 1) {
      throw new IllegalArgumentException("a collective needs at least one rank, got " + ranks);
    }
  }
}
