package org.hourglass.workload;

/** The parts training FLOPs per token are split into. */
public enum FlopPart {
  ATTENTION_PROJECTIONS("attention projections"),
  ATTENTION_CORE("attention core (causal)"),
  DENSE_FFN("dense FFN"),
  ROUTED_EXPERTS("routed experts"),
  SHARED_EXPERTS("shared experts"),
  ROUTER("router"),
  OUTPUT_HEAD("output head"),
  MTP("MTP modules");

  private final String label;

  FlopPart(String label) {
    this.label = label;
  }

  /** How a person reads it. */
  public String label() {
    return label;
  }
}
