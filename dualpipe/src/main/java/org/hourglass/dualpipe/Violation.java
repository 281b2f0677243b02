package org.hourglass.dualpipe;

/** The first rule a schedule breaks, where (rank and index of the op in its list), and how. */
public record Violation(Rule rule, int rank, int opIndex, String detail) {

  /** One line for a person: the rule, the place, the detail. */
  public String message() {
    return rule + " (" + rule.statement() + "): rank " + rank + ", op " + opIndex + ": " + detail;
  }

  @Override
  public String toString() {
    return message();
  }
}
