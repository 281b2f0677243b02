package org.hourglass.validation.gpu;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuCtxEnablePeerAccess;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceCanAccessPeer;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuMemcpyPeerAsync;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import org.hourglass.validation.calibration.Measurement;
import org.hourglass.validation.calibration.RepeatedTimings;

/**
 * Peer-to-peer copy from GPU 0 to GPU 1 (NVLink where the GPUs have it) with cuMemcpyPeerAsync, timed
 * with events in GPU 0's context over the plan's stream sizes. One direction only: the datasheet's
 * NVLink figure is both directions summed, so the measurement compares with half of it.
 */
final class PeerCopy {
  private PeerCopy() {}

  static List<Measurement> measure(GpuDevice gpu, BenchmarkPlan plan) {
    CUdevice second = new CUdevice();
    GpuDevice.check(cuDeviceGet(second, 1), "cuDeviceGet(1)");
    int[] can = {0};
    GpuDevice.check(cuDeviceCanAccessPeer(can, gpu.device(), second), "cuDeviceCanAccessPeer");
    CUcontext other = new CUcontext();
    GpuDevice.check(cuCtxCreate(other, 0, second), "cuCtxCreate(1)");
    try {
      return copies(gpu, other, can[0] == 1, plan);
    } finally {
      cuCtxDestroy(other);
      cuCtxSetCurrent(gpu.context());
    }
  }

  private static List<Measurement> copies(GpuDevice gpu, CUcontext other, boolean direct, BenchmarkPlan plan) {
    if (direct) {
      enablePeer(other, gpu.context());
      enablePeer(gpu.context(), other);
    }
    List<Measurement> out = new ArrayList<>();
    for (long bytes : plan.streamBytes()) {
      GpuDevice.check(cuCtxSetCurrent(other), "cuCtxSetCurrent(1)");
      try (DeviceBuffer dst = new DeviceBuffer(bytes)) {
        GpuDevice.check(cuCtxSetCurrent(gpu.context()), "cuCtxSetCurrent(0)");
        try (DeviceBuffer src = new DeviceBuffer(bytes).fill(31, (r, i) -> r)) {
          RepeatedTimings t = KernelTimer.time(() -> GpuDevice.check(cuMemcpyPeerAsync(dst.pointer, other, src.pointer, gpu.context(), bytes,
              (CUstream) null), "cuMemcpyPeerAsync"), plan.warmups(), plan.repetitions());
          out.add(new Measurement(direct ? "p2p_copy" : "p2p_copy_staged", "bytes", new Measurement.Shape("0->1", 1, bytes, 0, 0),
              t.repetitions(), t.medianSeconds(), t.spread(), 0, bytes));
        }
        GpuDevice.check(cuCtxSetCurrent(other), "cuCtxSetCurrent(1)");
      }
    }
    return out;
  }

  private static void enablePeer(CUcontext current, CUcontext peer) {
    GpuDevice.check(cuCtxSetCurrent(current), "cuCtxSetCurrent");
    int r = cuCtxEnablePeerAccess(peer, 0);
    if (r != CUresult.CUDA_ERROR_PEER_ACCESS_ALREADY_ENABLED) {
      GpuDevice.check(r, "cuCtxEnablePeerAccess");
    }
  }
}
