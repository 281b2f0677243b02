package org.hourglass.dualpipe;

/** The rules a schedule must keep, in the order the checker tests them. */
public enum Rule {
  /** Every task runs on the rank and chunk its micro-batch's route assigns to its stage. */
  PLACEMENT("every task runs on the rank and chunk that hold its stage"),
  /** No forward, backward or weight pass of a micro-batch through a stage appears twice. */
  NOTHING_DUPLICATED("no pass of a micro-batch through a stage appears twice"),
  /** Every micro-batch has a forward and a backward on every stage, and a W for every B*. */
  NOTHING_MISSING("every micro-batch has F and B on every stage, and W for every B*"),
  /** The forward of stage s runs after the forward of stage s-1. */
  FORWARD_ORDER("F of a micro-batch runs on each stage in pipeline order"),
  /** The backward of stage s runs after the backward of stage s+1 and after its own forward. */
  BACKWARD_ORDER("B of a micro-batch runs in reverse pipeline order, after its own F"),
  /** A W runs after its B* on the same rank. */
  WEIGHT_AFTER_BACKWARD("W runs after its B* on the same rank"),
  /** Messages between two ranks are received in the order they are sent. */
  SENDS_MATCH_RECEIVES("each rank receives from a neighbour in the order the neighbour sends"),
  /** No rank holds more stage-activations at once than the schedule's bound. */
  ACTIVATION_BOUND("in-flight activations stay within the schedule's bound");

  private final String statement;

  Rule(String statement) {
    this.statement = statement;
  }

  /** The rule in words. */
  public String statement() {
    return statement;
  }
}
