package org.hourglass.validation.gpu;

/**
 * Turns what JCuda and the driver report into one line a person can act on. Pure string work, so the
 * wording is tested without a GPU.
 */
public final class DriverDiagnosis {
  private DriverDiagnosis() {}

  /** Why the JNI library did not link: usually no libcuda.so.1, i.e. no NVIDIA driver installed. */
  public static String linkFailure(String message) {
    String m = message == null ? "" : message;
    if (m.contains("libcuda.so")) {
      return "no NVIDIA driver: libcuda.so.1 cannot be loaded (calibration needs a machine with an NVIDIA GPU and its driver)";
    }
    String first = m.lines().filter(l -> !l.isBlank()).findFirst().orElse("unknown reason");
    return "the CUDA driver library could not be loaded: " + first;
  }

  /** Why a driver call failed, with the hint that matters for the common failures. */
  public static String callFailure(String call, String error) {
    String hint = switch (error) {
      case "CUDA_ERROR_NO_DEVICE" -> ": the driver sees no CUDA device";
      case "CUDA_ERROR_INSUFFICIENT_DRIVER" -> ": the NVIDIA driver is older than this CUDA interface needs";
      case "CUDA_ERROR_UNSUPPORTED_PTX_VERSION" -> ": the driver is older than the nvcc that built the kernels; update the driver or rebuild with an older nvcc";
      case "CUDA_ERROR_STUB_LIBRARY" -> ": libcuda.so is the toolkit's stub, not a real driver";
      default -> "";
    };
    return call + " failed with " + error + hint;
  }
}
