package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code plan --json} against the JSON recorded before: a change meant to keep every answer (a
 * faster engine, a refactor) must print these bytes. One that is meant to move an answer records
 * them again and says in its commit what moved and why:
 * {@code ./hourglass plan --json > tests/src/test/resources/golden/plan-deepseek-v3-2048-h800.json}, and
 * {@code ./hourglass plan deepseek-v2-h800 llama-3.1-405b-8192-h100 --json > tests/src/test/resources/golden/plan-deepseek-v2-h800-llama-3.1-405b-8192-h100.json}.
 * The same bits hold on one platform (Java's floating point is strict; Math.log and Math.exp may
 * differ by an ulp on another architecture).
 */
class PlanJsonGoldenTest {
  private static final String REGENERATE = "if the answer is meant to move, record it again (see this test's Javadoc)";

  @Test
  void theDefaultPlanPrintsTheRecordedJson() throws IOException {
    // the same run as the other classes that read the default plan's JSON
    CliProcess.Result r = CliProcess.runShared(Duration.ofMinutes(3), "plan", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(golden("plan-deepseek-v3-2048-h800.json"), r.stdout(), REGENERATE);
  }

  @Test
  void theHeldOutRunsPrintTheRecordedJson() throws IOException {
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(4), "plan", "deepseek-v2-h800", "llama-3.1-405b-8192-h100", "--json",
        "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(golden("plan-deepseek-v2-h800-llama-3.1-405b-8192-h100.json"), r.stdout(), REGENERATE);
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = PlanJsonGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new AssertionError("no golden file " + name + " on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
