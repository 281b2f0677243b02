package org.hourglass.dualpipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

class DualPipeScheduleTest {
  private final TestVectors vectors = TestVectors.load();

  @Test
  void dualPipeN8C20MatchesTheReferenceTokenForToken() {
    Schedule schedule = DualPipeSchedule.generate(8, 20);
    List<String> expected = vectors.opStrings("DualPipe N=8 C=20");
    assertEquals(8, expected.size());
    for (int r = 0; r < 8; r++) {
      assertEquals(expected.get(r), schedule.tokens(r), "rank " + r);
    }
  }

  @Test
  void dualPipeVN4C10MatchesTheReferenceTokenForToken() {
    Schedule schedule = DualPipeVSchedule.generate(4, 10);
    List<String> expected = vectors.opStrings("DualPipeV N=4 C=10");
    assertEquals(4, expected.size());
    for (int r = 0; r < 4; r++) {
      assertEquals(expected.get(r), schedule.tokens(r), "rank " + r);
    }
  }

  @Test
  void dualPipeVIsTheFirstHalfOfDualPipeOnTwiceTheRanks() {
    Schedule v = DualPipeVSchedule.generate(8, 60);
    Schedule full = DualPipeSchedule.generate(16, 120);
    for (int r = 0; r < 8; r++) {
      assertEquals(full.tokens(r), v.tokens(r), "rank " + r);
    }
  }

  @Test
  void everyRankForwardsAndBackwardsHalfTheMicroBatchesPerPhase() {
    Schedule schedule = DualPipeSchedule.generate(8, 20);
    for (int r = 0; r < 8; r++) {
      long forwards = schedule.ops(r).stream().flatMap(op -> op.tasks().stream())
          .filter(t -> t.pass() == Pass.FORWARD).count();
      long weights = schedule.ops(r).stream().filter(op -> op.first().pass() == Pass.WEIGHT).count();
      long deferred = schedule.ops(r).stream().flatMap(op -> op.tasks().stream())
          .filter(t -> t.pass() == Pass.BACKWARD_INPUT).count();
      assertEquals(20, forwards, "rank " + r);
      assertEquals(deferred, weights, "rank " + r);
    }
  }

  @Test
  void oddRanksAreRefusedWithTheRule() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DualPipeSchedule.generate(7, 20));
    assertEquals("ranks", e.field());
    assertTrue(e.getMessage().contains("even number of ranks"), e.getMessage());
  }

  @Test
  void tooFewMicroBatchesAreRefusedWithTheRule() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DualPipeSchedule.generate(8, 14));
    assertEquals("micro-batches", e.field());
    assertTrue(e.getMessage().contains("at least 2 x ranks = 16"), e.getMessage());
  }
}
