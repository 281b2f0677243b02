package org.hourglass.validation.gpu;

import org.hourglass.validation.calibration.Measurement.Shape;

/**
 * The grouped product C[g] = A[g] x B[g]^T computed on the host in double precision from the same
 * bytes the kernels get (A [G][M][K], B [G][N][K]): the reference the GPU kernels are checked against.
 */
final class HostGemm {
  private HostGemm() {}

  /** FP8 E4M3 inputs with per-row scales {@code rowScale} (M, same for every K block) and one B scale. */
  static double[] fp8(Shape s, byte[] a, byte[] b, double[] rowScale, double[] bScale) {
    return product(s, (g, row, k) -> RandomElements.decodeE4m3(a[index(s.m(), s.k(), g, row, k)]) * rowScale[row] * bScale[0],
        (g, col, k) -> RandomElements.decodeE4m3(b[index(s.n(), s.k(), g, col, k)]));
  }

  /** BF16 inputs, little-endian. */
  static double[] bf16(Shape s, byte[] a, byte[] b) {
    return product(s, (g, row, k) -> bf16At(a, 2 * index(s.m(), s.k(), g, row, k)), (g, col, k) -> bf16At(b, 2 * index(s.n(), s.k(), g, col, k)));
  }

  @FunctionalInterface
  interface Element {
    double at(int group, int rowOrCol, int k);
  }

  static double[] product(Shape s, Element a, Element b) {
    int m = (int) s.m();
    int n = (int) s.n();
    double[] c = new double[s.groups() * m * n];
    for (int g = 0; g < s.groups(); g++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int k = 0; k < s.k(); k++) {
            sum += a.at(g, i, k) * b.at(g, j, k);
          }
          c[(g * m + i) * n + j] = sum;
        }
      }
    }
    return c;
  }

  private static int index(long rows, long k, int g, int row, int col) {
    return (int) ((g * rows + row) * k + col);
  }

  private static double bf16At(byte[] bytes, int offset) {
    return RandomElements.decodeBf16(bytes[offset], bytes[offset + 1]);
  }
}
