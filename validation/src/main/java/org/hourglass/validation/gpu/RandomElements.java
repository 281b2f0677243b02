package org.hourglass.validation.gpu;

/**
 * Random bytes that are valid, moderate numbers in each dtype, so no kernel meets NaN or overflow:
 * E4M3 with exponent field 6 or 7 (0.5 to 1.875 in magnitude, random sign and mantissa), BF16 bytes of
 * values in [-2, 2) with random mantissas, and FP32 scales in [1, 2). Pure functions, tested on the host.
 */
final class RandomElements {
  private RandomElements() {}

  /** An E4M3 byte from a random int: sign, exponent 6 or 7 (bias 7), any mantissa. */
  static int e4m3(int random) {
    int sign = random & 0x80;
    int exponent = 6 + ((random >>> 8) & 1);
    int mantissa = (random >>> 9) & 0x7;
    return sign | exponent << 3 | mantissa;
  }

  /** One byte of a little-endian BF16 stream: even positions get mantissa bits, odd get sign and exponent 0x3F/0xBF. */
  static int bf16Byte(int random, long position) {
    return (position & 1) == 0 ? random & 0xFF : ((random >>> 8) & 0x80) | 0x3F;
  }

  /** One byte of a little-endian FP32 scale in [1, 2): random low mantissa bytes, then 0x80 | mantissa and 0x3F. */
  static int scaleByte(int random, long position) {
    return switch ((int) (position & 3)) {
      case 0, 1 -> random & 0xFF;
      case 2 -> 0x80 | (random & 0x7F);
      default -> 0x3F;
    };
  }

  /** The value of an E4M3 byte (OCP FP8: bias 7, subnormals at exponent 0, 0x7F/0xFF NaN). */
  static float decodeE4m3(int bits) {
    int b = bits & 0xFF;
    if ((b & 0x7F) == 0x7F) {
      return Float.NaN;
    }
    float sign = (b & 0x80) != 0 ? -1f : 1f;
    int exponent = (b >>> 3) & 0xF;
    int mantissa = b & 0x7;
    float magnitude = exponent == 0 ? mantissa / 8f * 0x1p-6f : (1 + mantissa / 8f) * (float) Math.scalb(1.0, exponent - 7);
    return sign * magnitude;
  }

  /** The value of a BF16 from its low and high byte. */
  static float decodeBf16(int low, int high) {
    return Float.intBitsToFloat(((high & 0xFF) << 24) | ((low & 0xFF) << 16));
  }
}
