// BF16 tensor-core GEMM through WMMA (16x16x16 fragments, FP32 accumulation), deliberately simple:
// 64x64 block tile, 4 warps of 32x32, K step 32 staged in shared memory, no pipelining. It is slower
// than cuBLAS; calibration uses the shape of its efficiency curve, not its absolute level.
// Layout (DeepGEMM's "NT"): A is [G][M][K] row-major, B is [G][N][K] row-major (K x N column-major),
// C is [G][M][N] FP32. One group per blockIdx.z: G = 1 is a dense GEMM, G > 1 a grouped (per-expert) one.
// Requires M % 64 == 0, N % 64 == 0, K % 32 == 0.
#include <mma.h>
#include <cuda_bf16.h>

using namespace nvcuda;

#define BM 64
#define BN 64
#define BK 32
#define PAD 8

extern "C" __global__ void __launch_bounds__(128) gemm_bf16_wmma(const __nv_bfloat16* __restrict__ A,
    const __nv_bfloat16* __restrict__ B, float* __restrict__ C, int M, int N, int K) {
  __shared__ __align__(32) __nv_bfloat16 As[BM][BK + PAD];
  __shared__ __align__(32) __nv_bfloat16 Bs[BN][BK + PAD];
  size_t g = blockIdx.z;
  A += g * M * (size_t)K;
  B += g * N * (size_t)K;
  C += g * M * (size_t)N;
  int warp = threadIdx.x >> 5;
  int wm = (warp >> 1) * 32;
  int wn = (warp & 1) * 32;
  int m0 = blockIdx.y * BM;
  int n0 = blockIdx.x * BN;

  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc[2][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) wmma::fill_fragment(acc[i][j], 0.0f);

  for (int k0 = 0; k0 < K; k0 += BK) {
    for (int v = threadIdx.x; v < BM * BK / 8; v += blockDim.x) {
      int r = v / (BK / 8);
      int c = (v % (BK / 8)) * 8;
      *(uint4*)&As[r][c] = *(const uint4*)&A[(size_t)(m0 + r) * K + k0 + c];
      *(uint4*)&Bs[r][c] = *(const uint4*)&B[(size_t)(n0 + r) * K + k0 + c];
    }
    __syncthreads();
    for (int kk = 0; kk < BK; kk += 16) {
      wmma::fragment<wmma::matrix_a, 16, 16, 16, __nv_bfloat16, wmma::row_major> a[2];
      wmma::fragment<wmma::matrix_b, 16, 16, 16, __nv_bfloat16, wmma::col_major> b[2];
      for (int i = 0; i < 2; ++i) wmma::load_matrix_sync(a[i], &As[wm + i * 16][kk], BK + PAD);
      for (int j = 0; j < 2; ++j) wmma::load_matrix_sync(b[j], &Bs[wn + j * 16][kk], BK + PAD);
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) wmma::mma_sync(acc[i][j], a[i], b[j], acc[i][j]);
    }
    __syncthreads();
  }
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      wmma::store_matrix_sync(&C[(size_t)(m0 + wm + i * 16) * N + n0 + wn + j * 16], acc[i][j], N, wmma::mem_row_major);
}
