// FP8 (E4M3) tensor-core GEMM with DeepSeek-V3's fine-grained scaling (report 3.3.2): A carries one FP32
// scale per 1x128 tile (per row, per 128 of K), B one per 128x128 block. Each 128-deep slice of K is
// accumulated by mma.sync (m16n8k32, e4m3 x e4m3 -> f32, sm_89+) into a partial sum that is then scaled
// and promoted into the FP32 accumulator: the "promotion every 128 elements" of the report, done in
// registers. Deliberately simple (64x64 block tile, 4 warps of 32x32, no pipelining, no TMA/WGMMA), so
// far slower than DeepGEMM; calibration uses the shape of its efficiency curve only.
// Layout: A [G][M][K], B [G][N][K] (both K-contiguous), sa [G][M][K/128], sb [G][ceil(N/128)][K/128],
// C [G][M][N] FP32; blockIdx.z is the group. Requires M % 64 == 0, N % 64 == 0, K % 128 == 0.
#include <stdint.h>

#define BM 64
#define BN 64
#define BK 128
#define PAD 16

__device__ __forceinline__ void mma_e4m3(float (&d)[4], const uint32_t (&a)[4], uint32_t b0, uint32_t b1) {
  asm volatile(
      "mma.sync.aligned.m16n8k32.row.col.f32.e4m3.e4m3.f32 "
      "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};\n"
      : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}

extern "C" __global__ void __launch_bounds__(128) gemm_fp8_blockscaled(const uint8_t* __restrict__ A,
    const uint8_t* __restrict__ B, const float* __restrict__ sa, const float* __restrict__ sb,
    float* __restrict__ C, int M, int N, int K) {
  __shared__ __align__(16) uint8_t As[BM][BK + PAD];
  __shared__ __align__(16) uint8_t Bs[BN][BK + PAD];
  int kBlocks = K / BK;
  int nBlocks = (N + BK - 1) / BK;
  size_t g = blockIdx.z;
  A += g * M * (size_t)K;
  B += g * N * (size_t)K;
  sa += g * M * (size_t)kBlocks;
  sb += g * nBlocks * (size_t)kBlocks;
  C += g * M * (size_t)N;
  int lane = threadIdx.x & 31;
  int warp = threadIdx.x >> 5;
  int grp = lane >> 2;
  int tig = lane & 3;
  int wm = (warp >> 1) * 32;
  int wn = (warp & 1) * 32;
  int m0 = blockIdx.y * BM;
  int n0 = blockIdx.x * BN;
  float acc[2][4][4] = {};

  for (int kt = 0; kt < kBlocks; ++kt) {
    for (int v = threadIdx.x; v < BM * BK / 16; v += blockDim.x) {
      int r = v >> 3;
      int c = (v & 7) * 16;
      *(uint4*)&As[r][c] = *(const uint4*)&A[(size_t)(m0 + r) * K + (size_t)kt * BK + c];
      *(uint4*)&Bs[r][c] = *(const uint4*)&B[(size_t)(n0 + r) * K + (size_t)kt * BK + c];
    }
    __syncthreads();
    float part[2][4][4] = {};
    for (int kk = 0; kk < BK; kk += 32) {
      uint32_t a[2][4];
      for (int i = 0; i < 2; ++i) {
        int r = wm + i * 16 + grp;
        a[i][0] = *(const uint32_t*)&As[r][kk + tig * 4];
        a[i][1] = *(const uint32_t*)&As[r + 8][kk + tig * 4];
        a[i][2] = *(const uint32_t*)&As[r][kk + 16 + tig * 4];
        a[i][3] = *(const uint32_t*)&As[r + 8][kk + 16 + tig * 4];
      }
      for (int j = 0; j < 4; ++j) {
        int n = wn + j * 8 + grp;
        uint32_t b0 = *(const uint32_t*)&Bs[n][kk + tig * 4];
        uint32_t b1 = *(const uint32_t*)&Bs[n][kk + 16 + tig * 4];
        for (int i = 0; i < 2; ++i) mma_e4m3(part[i][j], a[i], b0, b1);
      }
    }
    float scaleB = sb[(size_t)(n0 / BK) * kBlocks + kt];
    for (int i = 0; i < 2; ++i) {
      int r = m0 + wm + i * 16 + grp;
      float top = sa[(size_t)r * kBlocks + kt] * scaleB;
      float bottom = sa[(size_t)(r + 8) * kBlocks + kt] * scaleB;
      for (int j = 0; j < 4; ++j) {
        acc[i][j][0] += part[i][j][0] * top;
        acc[i][j][1] += part[i][j][1] * top;
        acc[i][j][2] += part[i][j][2] * bottom;
        acc[i][j][3] += part[i][j][3] * bottom;
      }
    }
    __syncthreads();
  }
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 4; ++j) {
      size_t r = m0 + wm + i * 16 + grp;
      size_t c = n0 + wn + j * 8 + tig * 2;
      C[r * N + c] = acc[i][j][0];
      C[r * N + c + 1] = acc[i][j][1];
      C[(r + 8) * N + c] = acc[i][j][2];
      C[(r + 8) * N + c + 1] = acc[i][j][3];
    }
  }
}
