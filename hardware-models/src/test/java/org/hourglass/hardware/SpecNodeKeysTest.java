package org.hourglass.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

/** No key is silently ignored: what the reader never asked for is refused by its dotted path. */
class SpecNodeKeysTest {
  private static SpecNode parse(String yaml) {
    return SpecNode.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private static String readPlan(SpecNode n) {
    SpecNode plan = n.child("plan");
    return plan.positiveInt("pp") + " " + plan.text("schedule", "1f1b");
  }

  @Test
  void aMisspeltKeyIsRefusedWithTheNearestKnownName() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SpecNode.readAll(parse("plan: {pp: 16, schedual: dualpipe}\n"), SpecNodeKeysTest::readPlan));
    assertEquals("plan.schedual", e.field());
    assertTrue(e.getMessage().contains("did you mean plan.schedule?"), e.getMessage());
  }

  @Test
  void anUnknownTopLevelKeyListsTheKnownOnes() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SpecNode.readAll(parse("plan: {pp: 16}\ntokens: 1e12\n"), SpecNodeKeysTest::readPlan));
    assertEquals("tokens", e.field());
    assertTrue(e.getMessage().contains("known here: plan"), e.getMessage());
  }

  @Test
  void everyKeyTheReaderAskedForPassesEvenWhenOptional() {
    assertEquals("16 dualpipe", SpecNode.readAll(parse("plan: {pp: 16, schedule: dualpipe}\n"), SpecNodeKeysTest::readPlan));
    assertEquals("16 1f1b", SpecNode.readAll(parse("plan: {pp: 16}\n"), SpecNodeKeysTest::readPlan));
  }

  @Test
  void aKeyWrittenTwiceAndASecondDocumentAreRefused() {
    InvalidInputException twice = assertThrows(InvalidInputException.class, () -> parse("seed: 1\nseed: 2\n"));
    assertTrue(twice.getMessage().contains("Duplicate field 'seed' (line 2"), twice.getMessage());
    InvalidInputException second = assertThrows(InvalidInputException.class, () -> parse("seed: 1\n---\nseed: 2\n"));
    assertTrue(second.getMessage().contains("more than one YAML document"), second.getMessage());
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(1, SpecNode.editDistance("ppp", "pp"));
    assertEquals(2, SpecNode.editDistance("schedual", "schedule"));
    assertEquals(0, SpecNode.editDistance("kernels", "kernels"));
  }
}
