// Fine-grained FP8 quantization as in DeepSeek-V3 (report 3.3.2): activations are cut into 1x128 tiles
// along the hidden dimension; each tile gets one FP32 scale, amax / 448 (448 = largest finite E4M3),
// and its values are divided by it and rounded to E4M3 with saturation.
// One warp per tile, four values per lane; the tile's amax is a warp-shuffle reduction.
// Bytes moved per tile: 128 x 2 (BF16 in) + 128 x 1 (FP8 out) + 4 (scale).
#include <cuda_bf16.h>
#include <cuda_fp8.h>

#define TILE 128
#define E4M3_MAX 448.0f

extern "C" __global__ void fp8_quantize_1x128(const __nv_bfloat16* __restrict__ x, __nv_fp8_e4m3* __restrict__ q,
                                              float* __restrict__ scales, long long tiles) {
  long long tile = ((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5;
  int lane = threadIdx.x & 31;
  if (tile >= tiles) {
    return;  // whole warps leave together: a tile is one warp
  }
  long long base = tile * TILE + lane * 4;
  float v[4];
  float amax = 0.0f;
  for (int i = 0; i < 4; ++i) {
    v[i] = __bfloat162float(x[base + i]);
    amax = fmaxf(amax, fabsf(v[i]));
  }
  for (int offset = 16; offset > 0; offset >>= 1) {
    amax = fmaxf(amax, __shfl_xor_sync(0xffffffffu, amax, offset));
  }
  float scale = amax > 0.0f ? amax / E4M3_MAX : 1.0f;
  float inverse = 1.0f / scale;
  for (int i = 0; i < 4; ++i) {
    q[base + i] = __nv_fp8_e4m3(v[i] * inverse);
  }
  if (lane == 0) {
    scales[tile] = scale;
  }
}
