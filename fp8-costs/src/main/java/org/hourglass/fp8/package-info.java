/**
 * What compute costs: GEMM time under a roofline with DeepGEMM's tile and wave quantization and an
 * efficiency calibrated on DeepGEMM's published H800 table (held-out checked), FP8 fine-grained scaling
 * overheads (quantization passes, FP32 promotion), the BF16 what-if, attention and memory-bound operations.
 * The device is this package's own {@link org.hourglass.fp8.ComputeDevice}, so a hardware catalog maps onto
 * it field by field. Each efficiency cites the microbenchmark, calibration or assumption it comes from.
 */
package org.hourglass.fp8;
