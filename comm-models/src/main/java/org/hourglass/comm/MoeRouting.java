package org.hourglass.comm;

/**
 * The shape of one MoE layer's routing: how many routed experts, how many a token picks, the expert
 * groups and how many of them a token may use (the node limit when groups align with nodes), and the
 * bytes of one token's activation on the wire for dispatch and combine.
 */
public record MoeRouting(
    int routedExperts,
    int expertsPerToken,
    int expertGroups,
    int groupsPerToken,
    int hidden,
    double dispatchBytesPerElement,
    double combineBytesPerElement) {

  /** FP8 (E4M3) values plus one FP32 scale per 1x128 tile: {@code 1 + 4/128} bytes per element (V3 report s3.3.1). */
  public static final double FP8_WITH_SCALES = 1.0 + 4.0 / 128;
  /** BF16. */
  public static final double BF16 = 2.0;

  /**
   * DeepSeek-V3: 256 routed experts, top-8, 8 groups, top-4 groups (at most 4 nodes), hidden 7168,
   * FP8 dispatch and BF16 combine (config_671B.json; report s2.1.2, s3.2.2; reference/deepseek-v3.yaml).
   */
  public static final MoeRouting DEEPSEEK_V3 = new MoeRouting(256, 8, 8, 4, 7168, FP8_WITH_SCALES, BF16);

  public MoeRouting {
    require(routedExperts >= 1, "routedExperts must be at least 1, got " + routedExperts);
    require(expertsPerToken >= 1 && expertsPerToken <= routedExperts,
        "expertsPerToken must be in 1.." + routedExperts + ", got " + expertsPerToken);
    require(expertGroups >= 1 && routedExperts % expertGroups == 0,
        "expertGroups (" + expertGroups + ") must divide routedExperts (" + routedExperts + ")");
    require(groupsPerToken >= 1 && groupsPerToken <= expertGroups,
        "groupsPerToken must be in 1.." + expertGroups + ", got " + groupsPerToken);
    require(groupsPerToken * (routedExperts / expertGroups) >= expertsPerToken,
        "the " + groupsPerToken + " allowed groups hold fewer than " + expertsPerToken + " experts");
    require(hidden >= 1, "hidden must be at least 1, got " + hidden);
    require(dispatchBytesPerElement > 0 && combineBytesPerElement > 0, "bytes per element must be positive");
  }

  /** Experts in one group. */
  public int expertsPerGroup() {
    return routedExperts / expertGroups;
  }

  /** Bytes of one token sent in dispatch. */
  public double dispatchBytesPerToken() {
    return hidden * dispatchBytesPerElement;
  }

  /** Bytes of one token sent in combine. */
  public double combineBytesPerToken() {
    return hidden * combineBytesPerElement;
  }

  /** The same layer with another group count and group limit (for a node-limit sweep). */
  public MoeRouting withGroups(int groups, int perToken) {
    return new MoeRouting(routedExperts, expertsPerToken, groups, perToken, hidden,
        dispatchBytesPerElement, combineBytesPerElement);
  }

  private static void require(boolean ok, String reason) {
    if (!ok) {
      throw new IllegalArgumentException(reason);
    }
  }
}
