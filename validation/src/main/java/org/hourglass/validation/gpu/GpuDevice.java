package org.hourglass.validation.gpu;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuDeviceComputeCapability;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * One GPU opened through the CUDA driver API (JCuda): cuInit, the device, a context, and the kernels
 * loaded from PTX with cuModuleLoadData (the driver JIT-compiles them for this GPU). Every failure to
 * get that far is a {@link GpuUnavailableException} with a one-line reason.
 */
public final class GpuDevice implements AutoCloseable {
  private final CUdevice device;
  private final CUcontext context;
  private final String name;
  private final int driverVersion;
  private final int computeCapability;
  private final int deviceCount;
  private final Map<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);

  private GpuDevice(int ordinal) {
    int count = countDevices();
    if (ordinal >= count) {
      throw new GpuUnavailableException("GPU " + ordinal + " requested but the driver sees " + count);
    }
    device = new CUdevice();
    check(cuDeviceGet(device, ordinal), "cuDeviceGet");
    context = new CUcontext();
    check(cuCtxCreate(context, 0, device), "cuCtxCreate");
    name = readName(device);
    driverVersion = readDriverVersion();
    computeCapability = readComputeCapability(device);
    deviceCount = count;
  }

  /** Opens GPU {@code ordinal}, or says in one line why there is none to open. */
  public static GpuDevice open(int ordinal) {
    return new GpuDevice(ordinal);
  }

  /**
   * Loads the driver library and initializes it; returns the number of devices. A missing libcuda.so
   * surfaces as a LinkageError from JCuda's static initializer, which is caught here and nowhere else.
   */
  static int countDevices() {
    try {
      JCudaDriver.setExceptionsEnabled(false);
      check(cuInit(0), "cuInit");
      int[] count = {0};
      check(cuDeviceGetCount(count), "cuDeviceGetCount");
      if (count[0] == 0) {
        throw new GpuUnavailableException("the NVIDIA driver is loaded but reports no CUDA device");
      }
      return count[0];
    } catch (LinkageError e) {
      throw new GpuUnavailableException(DriverDiagnosis.linkFailure(e.getMessage()));
    }
  }

  /** Fails with a one-line reason unless {@code result} is CUDA_SUCCESS. */
  static void check(int result, String call) {
    if (result != CUresult.CUDA_SUCCESS) {
      throw new GpuUnavailableException(DriverDiagnosis.callFailure(call, CUresult.stringFor(result)));
    }
  }

  private static String readName(CUdevice device) {
    byte[] bytes = new byte[256];
    check(cuDeviceGetName(bytes, bytes.length, device), "cuDeviceGetName");
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.US_ASCII);
  }

  private static int readDriverVersion() {
    int[] v = {0};
    check(cuDriverGetVersion(v), "cuDriverGetVersion");
    return v[0];
  }

  @SuppressWarnings("deprecation")
  private static int readComputeCapability(CUdevice device) {
    int[] major = {0};
    int[] minor = {0};
    check(cuDeviceComputeCapability(major, minor, device), "cuDeviceComputeCapability");
    return major[0] * 10 + minor[0];
  }

  /** The kernel's function, loading its module on first use; refuses a kernel this GPU cannot run. */
  public CUfunction function(Kernel kernel) {
    if (computeCapability < kernel.minComputeCapability()) {
      throw new GpuUnavailableException(name + " (sm_" + computeCapability + ") cannot run " + kernel.function()
          + ", which needs sm_" + kernel.minComputeCapability() + " or newer");
    }
    return functions.computeIfAbsent(kernel, this::load);
  }

  private CUfunction load(Kernel kernel) {
    CUmodule module = new CUmodule();
    check(cuModuleLoadData(module, ptx(kernel)), "cuModuleLoadData(" + kernel.file() + ".ptx)");
    CUfunction f = new CUfunction();
    check(cuModuleGetFunction(f, module, kernel.function()), "cuModuleGetFunction(" + kernel.function() + ")");
    return f;
  }

  /** The kernel's PTX from the class path, NUL-terminated as cuModuleLoadData wants it. */
  static byte[] ptx(Kernel kernel) {
    try (InputStream in = GpuDevice.class.getResourceAsStream(kernel.ptxResource())) {
      if (in == null) {
        throw new GpuUnavailableException("this build has no PTX for " + kernel.file()
            + ".cu (it was built without nvcc); rebuild with nvcc at /usr/local/bin/nvcc");
      }
      byte[] text = in.readAllBytes();
      byte[] z = new byte[text.length + 1];
      System.arraycopy(text, 0, z, 0, text.length);
      return z;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  /** The driver's CUDA version as "major.minor", e.g. 12.8. */
  public String driverVersion() {
    return driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
  }

  /** Compute capability, major x 10 + minor (90 for H100). */
  public int computeCapability() {
    return computeCapability;
  }

  /** GPUs the driver sees (peer-to-peer copies need two). */
  public int deviceCount() {
    return deviceCount;
  }

  CUdevice device() {
    return device;
  }

  CUcontext context() {
    return context;
  }

  @Override
  public void close() {
    cuCtxDestroy(context);
  }
}
