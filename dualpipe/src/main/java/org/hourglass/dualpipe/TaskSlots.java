package org.hourglass.dualpipe;

/**
 * Dense numbering of the (slot, micro-batch, stage) triples of a schedule, where the slot is
 * forward, backward (B or B*, which fill the same slot) or weight: for boolean and time arrays.
 */
public final class TaskSlots {
  private final int stages;
  private final int size;

  /** Numbers the task slots of {@code schedule}. */
  public TaskSlots(Schedule schedule) {
    this.stages = schedule.stages();
    this.size = schedule.microBatches() * stages * 3;
  }

  /** Number of slots: micro-batches x stages x 3. */
  public int size() {
    return size;
  }

  /** The slot of {@code task}; B and B* share one. */
  public int index(Task task) {
    return (task.microBatch() * stages + task.stage()) * 3 + slot(task.pass());
  }

  /** Whether {@code task} is in range of the schedule's micro-batches and stages. */
  boolean inRange(Task task, int microBatches) {
    return task.microBatch() >= 0 && task.microBatch() < microBatches && task.stage() >= 0 && task.stage() < stages;
  }

  private static int slot(Pass pass) {
    return switch (pass) {
      case FORWARD -> 0;
      case BACKWARD, BACKWARD_INPUT -> 1;
      case WEIGHT -> 2;
    };
  }
}
