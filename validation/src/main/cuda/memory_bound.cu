// The memory-bound kernel classes the step cost model prices (parallelism/costs/BlockCosts), one simple
// kernel each, timed over a sweep of sizes for a per-launch floor and a sustained bandwidth.
// Activations are BF16; the hidden size and head shapes are arguments. Bytes moved per launch are
// counted by the caller (Microbenchmarks.memoryBound) as each kernel's reads plus writes.
#include <cuda_bf16.h>
#include <cuda_fp8.h>

#define E4M3_MAX 448.0f

// y = RMSNorm(x + r) * w and r_out = x + r, one block per row: read x, r (and w), write y, r_out.
extern "C" __global__ void rmsnorm_residual(const __nv_bfloat16* __restrict__ x, const __nv_bfloat16* __restrict__ r,
                                            const __nv_bfloat16* __restrict__ w, __nv_bfloat16* __restrict__ y,
                                            __nv_bfloat16* __restrict__ r_out, int hidden, long long rows) {
  __shared__ float partial[32];
  long long row = blockIdx.x;
  if (row >= rows) {
    return;
  }
  const __nv_bfloat16* xr = x + row * hidden;
  const __nv_bfloat16* rr = r + row * hidden;
  float sum = 0.0f;
  for (int i = threadIdx.x; i < hidden; i += blockDim.x) {
    float v = __bfloat162float(xr[i]) + __bfloat162float(rr[i]);
    r_out[row * hidden + i] = __float2bfloat16(v);
    sum += v * v;
  }
  for (int offset = 16; offset > 0; offset >>= 1) {
    sum += __shfl_xor_sync(0xffffffffu, sum, offset);
  }
  if ((threadIdx.x & 31) == 0) {
    partial[threadIdx.x >> 5] = sum;
  }
  __syncthreads();
  if (threadIdx.x < 32) {
    float s = threadIdx.x < (blockDim.x >> 5) ? partial[threadIdx.x] : 0.0f;
    for (int offset = 16; offset > 0; offset >>= 1) {
      s += __shfl_xor_sync(0xffffffffu, s, offset);
    }
    if (threadIdx.x == 0) {
      partial[0] = rsqrtf(s / hidden + 1e-6f);
    }
  }
  __syncthreads();
  float inv = partial[0];
  for (int i = threadIdx.x; i < hidden; i += blockDim.x) {
    float v = __bfloat162float(r_out[row * hidden + i]);
    y[row * hidden + i] = __float2bfloat16(v * inv * __bfloat162float(w[i]));
  }
}

// Rotary embedding in place on tokens x heads x dim (dim even): each pair rotated by position / base^(2j/dim).
extern "C" __global__ void rope(__nv_bfloat16* __restrict__ x, long long tokens, int heads, int dim, float base) {
  long long pairs = tokens * heads * (dim / 2);
  long long stride = (long long)gridDim.x * blockDim.x;
  for (long long p = (long long)blockIdx.x * blockDim.x + threadIdx.x; p < pairs; p += stride) {
    int j = (int)(p % (dim / 2));
    long long token = p / ((long long)heads * (dim / 2));
    float angle = (float)token * powf(base, -2.0f * j / dim);
    float c = cosf(angle);
    float s = sinf(angle);
    long long at = 2 * p;
    float a = __bfloat162float(x[at]);
    float b = __bfloat162float(x[at + 1]);
    x[at] = __float2bfloat16(a * c - b * s);
    x[at + 1] = __float2bfloat16(a * s + b * c);
  }
}

// out = silu(gate) * up over n values: read two, write one.
extern "C" __global__ void swiglu(const __nv_bfloat16* __restrict__ gate, const __nv_bfloat16* __restrict__ up,
                                  __nv_bfloat16* __restrict__ out, long long n) {
  long long stride = (long long)gridDim.x * blockDim.x;
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
    float g = __bfloat162float(gate[i]);
    out[i] = __float2bfloat16(g / (1.0f + __expf(-g)) * __bfloat162float(up[i]));
  }
}

// BF16 rows x cols to FP8 cols x rows (transposed), one FP32 scale per 128 rows of each column (128x1
// tiles of the original, report 3.3.2): a block of 32 x 8 threads takes a 128 x 32 tile through shared memory.
extern "C" __global__ void fp8_quantize_128x1_transpose(const __nv_bfloat16* __restrict__ x, __nv_fp8_e4m3* __restrict__ q,
                                                        float* __restrict__ scales, long long rows, int cols) {
  __shared__ float tile[128][33];
  __shared__ float amax[8][32];
  long long row0 = (long long)blockIdx.y * 128;
  int col0 = blockIdx.x * 32;
  int tx = threadIdx.x;
  int ty = threadIdx.y;
  float m = 0.0f;
  for (int r = ty; r < 128; r += 8) {
    float v = __bfloat162float(x[(row0 + r) * cols + col0 + tx]);
    tile[r][tx] = v;
    m = fmaxf(m, fabsf(v));
  }
  amax[ty][tx] = m;
  __syncthreads();
  if (ty == 0) {
    float a = 0.0f;
    for (int k = 0; k < 8; ++k) {
      a = fmaxf(a, amax[k][tx]);
    }
    float scale = a > 0.0f ? a / E4M3_MAX : 1.0f;
    amax[0][tx] = scale;
    scales[(long long)(col0 + tx) * (rows / 128) + blockIdx.y] = scale;
  }
  __syncthreads();
  for (int c = ty; c < 32; c += 8) {
    float inverse = 1.0f / amax[0][c];
    for (int r = tx; r < 128; r += 32) {
      q[(long long)(col0 + c) * rows + row0 + r] = __nv_fp8_e4m3(tile[r][c] * inverse);
    }
  }
}

// Gather rows of rowBytes (a multiple of 16) by index: out[i] = in[index[i]], 16-byte vector copies.
extern "C" __global__ void expert_permute(const uint4* __restrict__ in, const int* __restrict__ index, uint4* __restrict__ out,
                                          long long rows, int rowVectors) {
  long long total = rows * rowVectors;
  long long stride = (long long)gridDim.x * blockDim.x;
  for (long long v = (long long)blockIdx.x * blockDim.x + threadIdx.x; v < total; v += stride) {
    long long row = v / rowVectors;
    int col = (int)(v % rowVectors);
    out[v] = in[(long long)index[row] * rowVectors + col];
  }
}
