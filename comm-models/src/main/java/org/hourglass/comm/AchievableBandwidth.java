package org.hourglass.comm;

/**
 * What an all-to-all kernel achieves of the fabric's link bandwidths, as a fraction per link class,
 * and how that depends on the SMs given to communication: full from {@code saturationSms} up (V3
 * report s3.2.2: 20 SMs suffice to use IB and NVLink fully), linear below it (an assumption: each SM
 * drives a fixed share of the copies). The fractions are fitted on a few rows of DeepEP's table
 * ({@link DeepEpCalibration}); the rest of the table checks them.
 */
public record AchievableBandwidth(double nvlinkFraction, double rdmaFraction, int saturationSms, String source) {
  /** V3 report s3.2.2: 20 of the 132 SMs run the all-to-all and saturate both IB and NVLink. */
  public static final int DEEPSEEK_V3_SATURATION_SMS = 20;

  /** The links at full nominal bandwidth, for what-ifs and first-principles bounds. */
  public static AchievableBandwidth nominal() {
    return new AchievableBandwidth(1.0, 1.0, DEEPSEEK_V3_SATURATION_SMS, "nominal: the fabric's figures as they are");
  }

  public AchievableBandwidth {
    if (!(nvlinkFraction > 0 && nvlinkFraction <= 1) || !(rdmaFraction > 0 && rdmaFraction <= 1)) {
      throw new IllegalArgumentException("fractions must be in (0, 1], got " + nvlinkFraction + ", " + rdmaFraction);
    }
    if (saturationSms < 1) {
      throw new IllegalArgumentException("saturationSms must be at least 1, got " + saturationSms);
    }
  }

  /** The NVLink port as the kernel sees it with {@code sms} communication SMs. */
  public Link nvlink(Fabric fabric, int sms) {
    return fabric.nvlink().scaled(nvlinkFraction * smFactor(sms));
  }

  /** The IB NIC as the kernel sees it with {@code sms} communication SMs. */
  public Link infiniband(Fabric fabric, int sms) {
    return fabric.infiniband().scaled(rdmaFraction * smFactor(sms));
  }

  /** {@code min(1, sms / saturationSms)}. */
  public double smFactor(int sms) {
    if (sms < 1) {
      throw new IllegalArgumentException("communication SMs must be at least 1, got " + sms);
    }
    return Math.min(1.0, sms / (double) saturationSms);
  }
}
