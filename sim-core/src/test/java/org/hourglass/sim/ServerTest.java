package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTest {
  @Test
  void oneLaneServesJobsBackToBackInArrivalOrder() {
    Simulation simulation = new Simulation();
    Server server = new Server(simulation, "gpu0/compute", 1);
    List<String> done = new ArrayList<>();
    for (int job = 0; job < 40; job++) { // more than the initial queue, so it must grow
      int id = job;
      server.submit(10, payload -> done.add(id + "@" + simulation.nowPs()), job, "job");
    }
    simulation.run();
    assertEquals(40, done.size());
    for (int job = 0; job < 40; job++) {
      assertEquals(job + "@" + (10L * (job + 1)), done.get(job));
    }
    assertEquals(400, server.busyPs());
    assertEquals(40, server.jobsDone());
  }

  @Test
  void lanesServeInParallelAndQueueTheRest() {
    Simulation simulation = new Simulation();
    Server copyEngines = new Server(simulation, "gpu0/copy", 2);
    List<Long> finishes = new ArrayList<>();
    for (int job = 0; job < 5; job++) {
      copyEngines.submit(100, payload -> finishes.add(simulation.nowPs()), job, "copy");
    }
    assertEquals(2, copyEngines.busyLanes());
    assertEquals(3, copyEngines.waiting());
    simulation.run();
    assertEquals(List.of(100L, 100L, 200L, 200L, 300L), finishes);
    assertEquals(500, copyEngines.busyPs());
  }

  @Test
  void aJobSubmittedLaterStartsWhenItArrives() {
    Simulation simulation = new Simulation();
    Server server = new Server(simulation, "s", 1);
    long[] finish = new long[1];
    simulation.schedule(1_000, payload -> server.submit(50, p -> finish[0] = simulation.nowPs(), 0, "late"));
    simulation.run();
    assertEquals(1_050, finish[0]);
  }

  @Test
  void spansRecordEachJobOnTheServersResource() {
    SpanLog log = new SpanLog();
    Simulation simulation = new Simulation(log);
    Server server = new Server(simulation, "gpu3/compute", 1);
    server.submit(30, payload -> {}, 0, "F");
    server.submit(20, payload -> {}, 0, "B");
    simulation.run();
    assertEquals(List.of(
        new SpanLog.Span("gpu3/compute", 0, 30, "F"),
        new SpanLog.Span("gpu3/compute", 30, 50, "B")), log.spans());
  }

  @Test
  void badArgumentsAreRefused() {
    Simulation simulation = new Simulation();
    assertThrows(IllegalArgumentException.class, () -> new Server(simulation, "s", 0));
    Server server = new Server(simulation, "s", 1);
    assertThrows(IllegalArgumentException.class, () -> server.submit(-1, payload -> {}, 0, "x"));
  }
}
