package org.hourglass.fp8;

import java.util.ArrayList;
import java.util.List;

/**
 * An output tile computed by one SM at a time, BLOCK_K = 128 deep. The candidates are DeepGEMM's
 * (github deepseek-ai/DeepGEMM, jit_kernels/gemm.py, March 2025): BLOCK_M 64 or 128, BLOCK_N 16 to 128 in
 * steps of 8; the contiguous grouped layout pads every group to BLOCK_M = 128.
 */
public record TileShape(int blockM, int blockN) {
  /** K elements per main-loop step (one scale block). */
  public static final int BLOCK_K = 128;

  /** DeepGEMM's BLOCK_N choices. */
  static List<TileShape> candidates(boolean blockM128Only) {
    List<TileShape> tiles = new ArrayList<>();
    for (int blockM : blockM128Only ? new int[] {128} : new int[] {64, 128}) {
      for (int blockN = 16; blockN <= 128; blockN += 8) {
        tiles.add(new TileShape(blockM, blockN));
      }
    }
    return tiles;
  }

  /**
   * Tile shapes of the weight-gradient kernels: BLOCK_M 128 and BLOCK_N 16 to 256 in steps of 8. PR #95
   * names 128 x 152 as the best tile of every dense row it lists, wider than the forward kernels'
   * 128; the range up to 256 is an assumption that contains it.
   */
  static List<TileShape> weightGradientCandidates() {
    List<TileShape> tiles = new ArrayList<>();
    for (int blockN = 16; blockN <= 256; blockN += 8) {
      tiles.add(new TileShape(128, blockN));
    }
    return tiles;
  }

  /** Tiles covering an m x n output. */
  long tilesFor(long m, long n) {
    return ceilDiv(m, blockM) * ceilDiv(n, blockN);
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  @Override
  public String toString() {
    return blockM + "x" + blockN + "x" + BLOCK_K;
  }
}
