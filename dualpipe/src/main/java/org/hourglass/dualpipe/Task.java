package org.hourglass.dualpipe;

/**
 * One chunk of work: {@code pass} of micro-batch {@code microBatch} through stage {@code stage}
 * (the position along the micro-batch's route). {@code chunk} is the rank-local model chunk that
 * holds the stage (DualPipe's phase 0 or 1; an interleaved schedule's virtual stage).
 */
public record Task(Pass pass, int microBatch, int stage, int chunk) {

  /** The same micro-batch, stage and chunk with another pass. */
  public Task withPass(Pass other) {
    return new Task(other, microBatch, stage, chunk);
  }

  /** Schedule notation: F0, B1, B1* or W. */
  public String token() {
    return switch (pass) {
      case WEIGHT -> "W";
      case BACKWARD_INPUT -> "B" + chunk + "*";
      default -> pass.letter() + chunk;
    };
  }

  @Override
  public String toString() {
    return token() + "(mb " + microBatch + ", stage " + stage + ")";
  }
}
