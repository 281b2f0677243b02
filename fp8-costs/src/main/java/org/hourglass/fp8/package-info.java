/**
 * What compute costs: GEMM time under a roofline with tile and wave quantization and published kernel efficiency, FP8 fine-grained scaling overheads, attention and memory-bound operations.
 * Each efficiency cites the microbenchmark or calibration profile it comes from.
 */
package org.hourglass.fp8;
