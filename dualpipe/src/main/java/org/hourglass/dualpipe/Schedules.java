package org.hourglass.dualpipe;

/** Generates a schedule by kind: the one entry point the command line and scenarios call. */
public final class Schedules {
  /** Model chunks per rank for interleaved 1F1B when none is given (Megatron-LM's common choice). */
  public static final int DEFAULT_VIRTUAL_STAGES = 2;

  private Schedules() {}

  /** The {@code kind} schedule on {@code ranks} ranks for {@code microBatches} micro-batches. */
  public static Schedule generate(ScheduleKind kind, int ranks, int microBatches) {
    return generate(kind, ranks, microBatches, DEFAULT_VIRTUAL_STAGES);
  }

  /** As {@link #generate(ScheduleKind, int, int)}, with {@code virtualStages} chunks per rank for interleaved 1F1B. */
  public static Schedule generate(ScheduleKind kind, int ranks, int microBatches, int virtualStages) {
    return switch (kind) {
      case GPIPE -> GPipeSchedule.generate(ranks, microBatches);
      case ONE_F_ONE_B -> OneFOneBSchedule.generate(ranks, microBatches);
      case INTERLEAVED_1F1B -> InterleavedSchedule.generate(ranks, microBatches, virtualStages);
      case ZB1P -> ZeroBubbleH1Schedule.generate(ranks, microBatches);
      case DUALPIPE -> DualPipeSchedule.generate(ranks, microBatches);
      case DUALPIPE_V -> DualPipeVSchedule.generate(ranks, microBatches);
    };
  }
}
