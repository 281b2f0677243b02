package org.hourglass.dualpipe;

import java.util.List;

/**
 * One entry of a rank's schedule: a single task, or a forward and a backward task run as one
 * overlapped pair (DualPipe's F&amp;B, where each chunk's all-to-all hides behind the other's compute).
 */
public record Op(Task first, Task second) {

  public Op {
    if (second != null && (first.pass() != Pass.FORWARD || !second.pass().isBackward())) {
      throw new IllegalArgumentException("an overlapped pair is a forward then a backward: " + first + ", " + second);
    }
  }

  /** A task run alone. */
  public static Op single(Task task) {
    return new Op(task, null);
  }

  /** A forward and a backward run as one overlapped pair. */
  public static Op overlapped(Task forward, Task backward) {
    return new Op(forward, backward);
  }

  /** Whether this op is an overlapped forward-and-backward pair. */
  public boolean isOverlapped() {
    return second != null;
  }

  /** The op's tasks, the forward first for a pair. */
  public List<Task> tasks() {
    return second == null ? List.of(first) : List.of(first, second);
  }

  /** Schedule notation: F0, B1*, W or F0&amp;B1. */
  public String token() {
    return second == null ? first.token() : first.token() + "&" + second.token();
  }

  @Override
  public String toString() {
    return second == null ? first.toString() : first + " & " + second;
  }
}
