package org.hourglass.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.hourglass.sim.InvalidInputException;

class SpecNodePropertiesTest {
  private static SpecNode yaml(String text) {
    return SpecNode.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
  }

  @Property
  void positiveNumbersRoundTrip(@ForAll @DoubleRange(min = 0.001, max = 1e18) @net.jqwik.api.constraints.Scale(6) double v) {
    assertEquals(v, yaml("x: " + v).positive("x"), Math.abs(v) * 1e-12);
  }

  @Property
  void negativeNumbersAreRefusedNamingTheField(@ForAll @IntRange(min = -1_000_000, max = -1) int v) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> yaml("a: {b: " + v + "}").child("a").nonNegative("b"));
    assertEquals("a.b", e.field());
  }
}
