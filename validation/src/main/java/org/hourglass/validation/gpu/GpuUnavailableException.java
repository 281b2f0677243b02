package org.hourglass.validation.gpu;

/**
 * No GPU to calibrate on: no NVIDIA driver library, a failing cuInit, no device, or kernels the driver
 * cannot load. The message is one line a person can act on; the command line exits with code 3.
 */
public final class GpuUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GpuUnavailableException(String reason) {
    super(reason);
  }
}
