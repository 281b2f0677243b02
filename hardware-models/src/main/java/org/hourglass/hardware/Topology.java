package org.hourglass.hardware;

import java.util.Locale;
import org.hourglass.sim.InvalidInputException;

/**
 * How nodes are joined. DeepSeek-V3 trains on a multi-plane two-layer fat-tree: each of a node's
 * eight NICs sits on its own plane (DeepSeek-V3 report, section 3.1; "Insights into DeepSeek-V3", ISCA 2025).
 */
public enum Topology {
  /** A two-layer (leaf-spine) fat-tree, one plane. */
  TWO_LAYER_FAT_TREE,
  /** Several independent two-layer fat-trees, NIC i of every node on plane i. */
  MULTI_PLANE_FAT_TREE,
  /**
   * One fat-tree whose leaf switches each serve one rail: NIC i of every node meets NIC i of the
   * others one hop away (NVIDIA DGX SuperPOD reference architecture).
   */
  RAIL_OPTIMISED_FAT_TREE;

  /** Parses the YAML spelling, e.g. {@code multi-plane-fat-tree}. */
  public static Topology parse(String text, String field) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "unknown topology '" + text + "' (two-layer-fat-tree, multi-plane-fat-tree, rail-optimised-fat-tree)");
    }
  }

  /** The YAML spelling. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
