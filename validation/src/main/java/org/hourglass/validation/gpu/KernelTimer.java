package org.hourglass.validation.gpu;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;
import org.hourglass.validation.calibration.RepeatedTimings;

/**
 * Times a launch with CUDA events on the default stream: {@code warmups} untimed launches (JIT, clocks,
 * caches), then {@code repetitions} launches each between its own pair of events, so every repetition
 * is one sample and the median and spread come from the samples.
 */
final class KernelTimer {
  private KernelTimer() {}

  /** Times {@code launch}; a launch that fails surfaces at the synchronization as a GPU failure. */
  static RepeatedTimings time(Runnable launch, int warmups, int repetitions) {
    for (int i = 0; i < warmups; i++) {
      launch.run();
    }
    GpuDevice.check(cuCtxSynchronize(), "cuCtxSynchronize (warm-up)");
    CUevent start = event();
    CUevent stop = event();
    double[] seconds = new double[repetitions];
    float[] ms = {0};
    for (int i = 0; i < repetitions; i++) {
      GpuDevice.check(cuEventRecord(start, (CUstream) null), "cuEventRecord");
      launch.run();
      GpuDevice.check(cuEventRecord(stop, (CUstream) null), "cuEventRecord");
      GpuDevice.check(cuEventSynchronize(stop), "cuEventSynchronize (kernel run)");
      GpuDevice.check(cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
      seconds[i] = ms[0] / 1e3;
    }
    cuEventDestroy(start);
    cuEventDestroy(stop);
    return new RepeatedTimings(seconds);
  }

  private static CUevent event() {
    CUevent e = new CUevent();
    GpuDevice.check(cuEventCreate(e, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
    return e;
  }
}
