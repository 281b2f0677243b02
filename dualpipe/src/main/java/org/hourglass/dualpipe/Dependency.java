package org.hourglass.dualpipe;

import java.util.ArrayList;
import java.util.List;

/**
 * A task that must finish before another may start, with the rank that runs it and the rule that
 * asks for it. F(m,s) needs F(m,s-1); B(m,s) needs its own F(m,s) and B(m,s+1) (the last stage
 * computes the loss locally); W(m,s) needs its B*(m,s). The task named is the forward or B* whose
 * output is consumed; a backward need is met by either a full B or a B*.
 */
public record Dependency(Task needed, int rank, Rule rule) {

  /** Whether the needed output crosses to another rank (and so pays the point-to-point latency). */
  public boolean remoteFor(int consumerRank) {
    return rank != consumerRank;
  }

  /** What {@code task} needs in {@code schedule}. */
  public static List<Dependency> of(Schedule schedule, Task task) {
    Route route = schedule.route(task.microBatch());
    int m = task.microBatch();
    int s = task.stage();
    List<Dependency> needs = new ArrayList<>(2);
    switch (task.pass()) {
      case FORWARD -> {
        if (s > 0) {
          needs.add(new Dependency(forward(route, m, s - 1), route.rank(s - 1), Rule.FORWARD_ORDER));
        }
      }
      case BACKWARD, BACKWARD_INPUT -> {
        needs.add(new Dependency(forward(route, m, s), route.rank(s), Rule.BACKWARD_ORDER));
        if (s < route.stages() - 1) {
          Task downstream = forward(route, m, s + 1).withPass(Pass.BACKWARD);
          needs.add(new Dependency(downstream, route.rank(s + 1), Rule.BACKWARD_ORDER));
        }
      }
      case WEIGHT -> needs.add(new Dependency(task.withPass(Pass.BACKWARD_INPUT), route.rank(s), Rule.WEIGHT_AFTER_BACKWARD));
    }
    return needs;
  }

  private static Task forward(Route route, int microBatch, int stage) {
    return new Task(Pass.FORWARD, microBatch, stage, route.hop(stage).chunk());
  }
}
