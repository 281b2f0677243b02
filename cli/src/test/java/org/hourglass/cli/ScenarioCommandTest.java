package org.hourglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scenario list | show | init}, misspelt commands and {@code validate --strict}, run in process. */
class ScenarioCommandTest {
  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Hourglass.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void listNamesEveryBuiltInWithItsModelAndCluster() {
    Run r = run("scenario", "list");
    assertEquals(0, r.code(), r.err());
    for (String name : ScenarioLoader.builtInNames()) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + " in\n" + r.out());
    }
    assertTrue(r.out().contains("mixtral-8x22b") && r.out().contains("gb200"), r.out());
  }

  @Test
  void showResolvedMergesExtendsAndAppliesOverrides() {
    Run written = run("scenario", "show", "dsv3-2048-b200");
    assertTrue(written.out().contains("extends: deepseek-v3-2048-h800") && !written.out().contains("pp:"), written.out());
    Run resolved = run("scenario", "show", "dsv3-2048-b200", "--resolved", "--set", "plan.nodeLimit=2");
    assertEquals(0, resolved.code(), resolved.err());
    assertTrue(resolved.out().contains("gpu: \"b200\"") || resolved.out().contains("gpu: b200"), resolved.out());
    assertTrue(resolved.out().contains("pp: 16") && resolved.out().contains("nodeLimit: 2"), resolved.out());
    assertTrue(!resolved.out().contains("extends"), resolved.out());
    // the B200's 180 GB holds 8192 tokens of a 32K sequence a GPU: auto's choice is printed beside what was written
    assertTrue(resolved.out().contains("# contextExtensionPlans[0].cp: auto chose 4, the fewest GPUs per sequence whose memory fits"),
        resolved.out());
    Run bad = run("scenario", "show", "dsv3-2048-b200", "--set", "plan.pp=7");
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("hourglass: plan.pp:"), bad.err());
  }

  @Test
  void initWritesATemplateThatPlansAsItIsAndNeverOverwrites(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.yaml");
    Run r = run("scenario", "init", file.toString());
    assertEquals(0, r.code(), r.err());
    Scenario s = ScenarioLoader.load(file.toString());
    assertEquals("llama-3.1-70b", s.model().name());
    assertTrue(Files.readString(file).contains("# For an MoE model also: ep"), "the template explains what it leaves out");
    Run again = run("scenario", "init", file.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("exists"), again.err());
  }

  @Test
  void aMisspeltCommandOrScenarioGetsTheNearestName() {
    Run command = run("pln");
    assertEquals(2, command.code());
    assertTrue(command.err().contains("did you mean plan?"), command.err());
    Run scenario = run("plan", "dsv3-2048-b20");
    assertEquals(2, scenario.code());
    assertTrue(scenario.err().contains("did you mean dsv3-2048-b200?"), scenario.err());
  }

  @Test
  void validateStrictExitsFourOnlyWhenAJudgedRowIsOutsideItsTolerance() {
    var inside = org.hourglass.validation.reference.Verdict.of(java.util.List.of(
        org.hourglass.validation.reference.Comparison.of("r", "KV cache per token", 100, 100, "B", "x")));
    var outside = org.hourglass.validation.reference.Verdict.of(java.util.List.of(
        org.hourglass.validation.reference.Comparison.of("r", "KV cache per token", 150, 100, "B", "x")));
    assertEquals(0, ValidateCommand.exitCode(inside, true));
    assertEquals(ValidateCommand.EXIT_OUT_OF_TOLERANCE, ValidateCommand.exitCode(outside, true));
    assertEquals(0, ValidateCommand.exitCode(outside, false), "without --strict a miss is reported, not an error");
  }
}
