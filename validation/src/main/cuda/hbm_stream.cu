// HBM bandwidth: STREAM-style copy (one read, one write per element) and triad (two reads, one write),
// 16-byte vector accesses in a grid-stride loop so any grid size covers any length.
// Bytes moved: copy 2 x 16 x n4, triad 3 x 16 x n4 (McCalpin's STREAM counting, no write-allocate).

extern "C" __global__ void hbm_copy(const float4* __restrict__ src, float4* __restrict__ dst, long long n4) {
  long long stride = (long long)gridDim.x * blockDim.x;
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += stride) {
    dst[i] = src[i];
  }
}

extern "C" __global__ void hbm_triad(float4* __restrict__ a, const float4* __restrict__ b,
                                     const float4* __restrict__ c, float scalar, long long n4) {
  long long stride = (long long)gridDim.x * blockDim.x;
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += stride) {
    float4 x = b[i];
    float4 y = c[i];
    a[i] = make_float4(x.x + scalar * y.x, x.y + scalar * y.y, x.z + scalar * y.z, x.w + scalar * y.w);
  }
}
