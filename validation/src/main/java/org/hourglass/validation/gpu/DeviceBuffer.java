package org.hourglass.validation.gpu;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import java.util.SplittableRandom;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * Device memory for one benchmark, filled with deterministic pseudo-random values of the right kind
 * (constant inputs would under-load the tensor cores' datapaths and flatter the clocks).
 */
final class DeviceBuffer implements AutoCloseable {
  private static final int CHUNK = 1 << 22;

  final CUdeviceptr pointer = new CUdeviceptr();
  final long bytes;

  DeviceBuffer(long bytes) {
    this.bytes = bytes;
    GpuDevice.check(cuMemAlloc(pointer, bytes), "cuMemAlloc(" + bytes + " bytes)");
  }

  /** Makes the byte at {@code position} of a buffer from a random int. */
  @FunctionalInterface
  interface ByteMaker {
    int make(int random, long position);
  }

  /** Fills with bytes made by {@code byteOf} from random ints, a 4 MiB pattern repeated. */
  DeviceBuffer fill(long seed, ByteMaker byteOf) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pattern = new byte[(int) Math.min(CHUNK, bytes)];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) byteOf.make(random.nextInt(), i);
    }
    for (long at = 0; at < bytes; at += pattern.length) {
      long n = Math.min(pattern.length, bytes - at);
      GpuDevice.check(cuMemcpyHtoD(pointer.withByteOffset(at), Pointer.to(pattern), n), "cuMemcpyHtoD");
    }
    return this;
  }

  /** Copies {@code host} to the start of the buffer. */
  DeviceBuffer upload(byte[] host) {
    GpuDevice.check(cuMemcpyHtoD(pointer, Pointer.to(host), host.length), "cuMemcpyHtoD");
    return this;
  }

  /** Reads the first {@code count} floats. */
  float[] downloadFloats(int count) {
    float[] out = new float[count];
    GpuDevice.check(cuMemcpyDtoH(Pointer.to(out), pointer, 4L * count), "cuMemcpyDtoH");
    return out;
  }

  Pointer arg() {
    return Pointer.to(pointer);
  }

  @Override
  public void close() {
    cuMemFree(pointer);
  }
}
