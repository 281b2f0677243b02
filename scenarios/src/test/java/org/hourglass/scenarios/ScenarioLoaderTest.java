package org.hourglass.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.StepSimulator;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.StageSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
  @TempDir Path dir;

  @Test
  void theDefaultScenarioIsDeepSeekV3AsTheReportDescribesIt() {
    Scenario s = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    assertEquals(2048, s.cluster().gpus());
    assertEquals(new PlanSpec(16, 64, 128, 1, ScheduleKind.DUALPIPE, 1, 4, 20, 1), s.plan());
    assertEquals(8, s.contextPlans().get(0).cp());
    assertEquals(64, s.contextPlans().get(1).cp(), "the fewest GPUs per 128K sequence whose memory fits");
    assertTrue(s.fp8());
    assertEquals(160e9, s.cluster().nvlinkBytesPerSecond());
    assertEquals(50e9, s.cluster().ibBytesPerSecond());
  }

  @Test
  void everyBuiltInScenarioLoads() {
    for (String name : ScenarioLoader.builtInNames()) {
      assertEquals(name, ScenarioLoader.load(name).name());
    }
  }

  @Test
  void everyBuiltInWhatIfFitsInMemoryAsWritten() {
    // a built-in is an example to run, not a refusal: its pre-training layout must fit (no engine run)
    for (String name : ScenarioLoader.builtInNames()) {
      Scenario s = ScenarioLoader.load(name);
      StepSimulator steps = new StepSimulator(s.job(), Fp8ComputeCosts::new);
      steps.memory(s.plan(), s.recipe().sequenceLength())
          .ifPresent(m -> assertTrue(m.fits(), name + " needs " + m.totalBytes() / (1L << 30) + " GiB"));
    }
  }

  @Test
  void aWhatIfChangesOnlyWhatItSays() {
    Scenario base = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    Scenario whatIf = ScenarioLoader.load("dsv3-1f1b");
    assertEquals(ScheduleKind.ONE_F_ONE_B, whatIf.plan().schedule());
    assertEquals(base.plan().ep(), whatIf.plan().ep());
    assertEquals(base.plan().nodeLimit(), whatIf.plan().nodeLimit());
    assertEquals(ScheduleKind.ONE_F_ONE_B, whatIf.contextPlans().get(0).schedule(), "phase plans inherit the main plan");
    assertEquals(0.5 * base.cluster().ibBytesPerSecond(), ScenarioLoader.load("dsv3-ib-half").cluster().ibBytesPerSecond());
    assertEquals(4096, ScenarioLoader.load("dsv3-4096-h800").cluster().gpus());
    assertEquals(256, ScenarioLoader.load("dsv3-4096-h800").plan().dp(), "dp follows the GPUs");
  }

  @Test
  void overridesApplyAndChangeTheHash() {
    Scenario base = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    Scenario limited = ScenarioLoader.load(ScenarioLoader.DEFAULT, Map.of("plan.nodeLimit", "2"));
    assertEquals(2, limited.plan().nodeLimit());
    assertNotEquals(base.sha256(), limited.sha256());
    assertEquals(base.sha256(), ScenarioLoader.load(ScenarioLoader.DEFAULT).sha256(), "same text, same hash");
  }

  @Test
  void errorsNameTheFieldAndTheReason() throws IOException {
    assertField("plan.ep", write("model: deepseek-v3\nrecipe: deepseek-v3\ncluster: {base: deepseek-v3-2048-h800}\n"
        + "plan: {pp: 16, schedule: dualpipe, communicationSms: 20}\nprecision: fp8\n"));
    assertField("precision", ScenarioLoader.DEFAULT, Map.of("precision", "fp4"));
    assertField("plan.pp", ScenarioLoader.DEFAULT, Map.of("plan.pp", "7"));
    assertField("plan.ep", ScenarioLoader.DEFAULT, Map.of("plan.ep", "48"));
    assertField("plan.schedule", ScenarioLoader.DEFAULT, Map.of("plan.schedule", "chimera"));
    assertField("cluster.gpus", ScenarioLoader.DEFAULT, Map.of("cluster.gpus", "1001"));
    assertField("routing.skew", ScenarioLoader.DEFAULT, Map.of("routing.skew", "-1"));
    assertField("scenario", "/no/such/file.yaml", Map.of());
    assertField("plan.pp", "llama-3.1-405b-8192-h100", Map.of("plan.tp", "3"));
    assertField("plan.dp", "llama-3.1-405b-8192-h100", Map.of("plan.dp", "128"));
    assertField("kernels", ScenarioLoader.DEFAULT, Map.of("kernels", "cublas-2023"));
  }

  @Test
  void aRelativeExtendsIsTakenFromTheFileThatNamesItAndAMissingOneNamesExtends() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("base.yaml"), "extends: deepseek-v3-2048-h800\nseed: 7\n");
    Path child = sub.resolve("child.yaml");
    Files.writeString(child, "extends: ../base.yaml\nrouting: {samples: 1}\n");
    Scenario s = ScenarioLoader.load(child.toString());
    assertEquals(7, s.seed(), "base.yaml beside sub/, not in the working directory");
    assertEquals(1, s.routingSamples());
    Path orphan = dir.resolve("orphan.yaml");
    Files.writeString(orphan, "extends: no-such-base.yaml\n");
    assertField("extends", orphan.toString(), Map.of());
  }

  @Test
  void thePublishedFiguresDescribeOnlyTheBuiltInScenarioAsWritten() {
    assertTrue(PublishedReference.describes(ScenarioLoader.load(ScenarioLoader.DEFAULT)));
    assertFalse(PublishedReference.describes(ScenarioLoader.load(ScenarioLoader.DEFAULT, Map.of("cluster.gpus", "4096"))),
        "an override makes another run, which DeepSeek's table does not describe");
    assertFalse(PublishedReference.describes(ScenarioLoader.load("dsv3-bf16")));
  }

  @Test
  void numbersAreCheckedForTypeFinitenessAndRange() {
    assertField("price.usdPerGpuHour", ScenarioLoader.DEFAULT, Map.of("price.usdPerGpuHour", "1e308"));
    assertField("price.usdPerGpuHour", ScenarioLoader.DEFAULT, Map.of("price.usdPerGpuHour", "Infinity"));
    assertField("routing.skew", ScenarioLoader.DEFAULT, Map.of("routing.skew", "NaN"));
    assertField("seed", ScenarioLoader.DEFAULT, Map.of("seed", "1.5"));
    assertField("seed", ScenarioLoader.DEFAULT, Map.of("seed", "1e30"));
    assertField("plan.pp", ScenarioLoader.DEFAULT, Map.of("plan.pp", "16d"));
    assertField("plan.pp", ScenarioLoader.DEFAULT, Map.of("plan.pp", "\u0661\u0666"));
    assertField("plan.nodeLimit", ScenarioLoader.DEFAULT, Map.of("plan.nodeLimit", "100"));
    assertField("plan.nodeLimit", "llama-3.1-405b-8192-h100", Map.of("plan.nodeLimit", "2"));
    assertEquals(8, ScenarioLoader.load(ScenarioLoader.DEFAULT, Map.of("plan.nodeLimit", "8")).plan().nodeLimit());
  }

  @Test
  void noKeyIsSilentlyIgnored() throws IOException {
    assertField("plan.ppp", ScenarioLoader.DEFAULT, Map.of("plan.ppp", "16"));
    assertField("plan.schedual", ScenarioLoader.DEFAULT, Map.of("plan.schedual", "1f1b"));
    assertField("clster", ScenarioLoader.DEFAULT, Map.of("clster.gpus", "4096"));
    assertField("recomputation", ScenarioLoader.DEFAULT, Map.of("recomputation", "full"));
    assertField("contextExtensionPlans[0].cpp", write("model: deepseek-v3\nrecipe: deepseek-v3\n"
        + "cluster: {base: deepseek-v3-2048-h800}\nplan: {pp: 16, ep: 64, schedule: dualpipe, communicationSms: 20}\n"
        + "precision: fp8\nkernels: cutlass-2024\ncontextExtensionPlans: [{cpp: 8}]\n"));
    Path twice = dir.resolve("twice.yaml");
    Files.writeString(twice, "extends: deepseek-v3-2048-h800\nseed: 1\nseed: 2\n");
    assertField(twice.toString(), twice.toString(), Map.of());
  }

  @Test
  void interleavingNamesItsChunksPerRankAndOtherSchedulesRefuseThem() {
    assertEquals(8, ScenarioLoader.load("llama-3.1-405b-8192-h100").plan().virtualStages());
    assertEquals(4, ScenarioLoader.load("llama-3.1-405b-8192-h100", Map.of("plan.virtualStages", "4")).plan().virtualStages());
    assertEquals(1, ScenarioLoader.load(ScenarioLoader.DEFAULT).plan().virtualStages());
    assertField("plan.virtualStages", ScenarioLoader.DEFAULT, Map.of("plan.virtualStages", "2"));
    assertField("plan.virtualStages", "llama-3.1-405b-8192-h100", Map.of("plan.virtualStages", "1"));
    assertField("plan.virtualStages", ScenarioLoader.DEFAULT, Map.of("plan.schedule", "interleaved"));
  }

  @Test
  void fp8GemmsNameTheirKernelGenerationAndBf16RunsNeedNone() throws IOException {
    assertField("kernels", write("model: deepseek-v3\nrecipe: deepseek-v3\ncluster: {base: deepseek-v3-2048-h800}\n"
        + "plan: {pp: 16, ep: 64, schedule: dualpipe, communicationSms: 20}\nprecision: fp8\n"));
    assertEquals(KernelGeneration.CUTLASS_2024, ScenarioLoader.load(ScenarioLoader.DEFAULT).kernels(),
        "V3 trained in 2024, before DeepGEMM");
    assertEquals(KernelGeneration.DEEPGEMM_2025,
        ScenarioLoader.load(ScenarioLoader.DEFAULT, Map.of("kernels", "deepgemm-2025")).kernels());
    assertEquals(KernelGeneration.DEEPGEMM_2025, ScenarioLoader.load("llama-3.1-405b-8192-h100").kernels(),
        "BF16: no FP8 kernels to name");
  }

  @Test
  void tensorParallelismTakesItsGpusOutOfTheDataParallelDegree() {
    Scenario llama = ScenarioLoader.load("llama-3.1-405b-8192-h100");
    assertEquals(8, llama.plan().tp());
    assertEquals(64, llama.plan().dp(), "8192 GPUs / (PP16 x TP8)");
    assertEquals(128, ScenarioLoader.load("llama-3.1-405b-16384-h100").plan().dp());
    assertEquals(1, ScenarioLoader.load(ScenarioLoader.DEFAULT).plan().tp(), "tp defaults to 1");
    assertEquals(128, ScenarioLoader.load("llama-3.1-405b-8192-h100", Map.of("plan.tp", "4")).plan().dp(), "8192 GPUs / (PP16 x TP4)");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, "name: test\n" + yaml + "routing: {skew: 0, samples: 1}\n"
        + "postTraining: {sftTokensPerSample: 4096, source: test}\nprice: {usdPerGpuHour: 2, source: test}\nseed: 1\n");
    return file;
  }

  @Test
  void missingFieldsAreNamedAtOnceAndBlocksThatDoNotApplyAreRefused() throws IOException {
    Path bare = dir.resolve("bare.yaml");
    Files.writeString(bare, "name: x\nmodel: llama-3.1-70b\nrecipe: llama-3.1-70b\ncluster: {base: h100-ndr-rail}\nplan: {tp: 8}\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioLoader.load(bare.toString()));
    assertEquals("plan.pp, plan.schedule, precision, seed", e.field(), e.getMessage());
    assertTrue(e.getMessage().endsWith("are missing"), e.getMessage());
    assertField("routing", "llama-3.1-70b-1024-h100", Map.of("routing.skew", "0"));
    assertField("postTraining", "llama-3.1-70b-1024-h100", Map.of("postTraining.sftTokensPerSample", "4096"));
  }

  @Test
  void aModelOrRecipeNamedByARelativePathIsTakenFromTheScenariosDirectory() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("mine"));
    try (var in = ScenarioLoaderTest.class.getResourceAsStream("/org/hourglass/workload/models/llama-3.1-70b.yaml")) {
      Files.write(sub.resolve("my-model.yaml"), in.readAllBytes());
    }
    Path scenario = sub.resolve("s.yaml");
    Files.writeString(scenario, ScenarioLoader.text("llama-3.1-70b-1024-h100").replace("model: llama-3.1-70b", "model: my-model.yaml")
        .replace("recipe: llama-3.1-70b", "recipe: ../mine/../mine/" + "r.yaml"));
    try (var in = ScenarioLoaderTest.class.getResourceAsStream("/org/hourglass/workload/recipes/llama-3.1-70b.yaml")) {
      Files.write(sub.resolve("r.yaml"), in.readAllBytes());
    }
    Scenario s = ScenarioLoader.load(scenario.toString());
    assertEquals("llama-3.1-70b", s.model().name(), "found beside the scenario, whatever the working directory");
    assertEquals("llama-3.1-70b", s.recipe().name());
  }

  @Test
  void aScenarioWithoutAPricePaysItsGpusCatalogPrice() {
    Scenario h800 = ScenarioLoader.load(ScenarioLoader.DEFAULT);
    Scenario b200 = ScenarioLoader.load("dsv3-2048-b200");
    assertEquals(2.0, h800.usdPerGpuHour());
    assertEquals(b200.cluster().gpu().rentalUsdPerGpuHour().value(), b200.usdPerGpuHour());
    assertTrue(b200.priceSource().startsWith("catalog price of b200"), b200.priceSource());
    Scenario priced = ScenarioLoader.load("dsv3-2048-b200", Map.of("price.usdPerGpuHour", "3", "price.source", "our quote"));
    assertEquals(3.0, priced.usdPerGpuHour());
    assertEquals("our quote", priced.priceSource());
  }

  @Test
  void energyIsOptionalAndCheckedWhereGiven() {
    assertTrue(ScenarioLoader.load(ScenarioLoader.DEFAULT).energy().isPresent());
    assertTrue(ScenarioLoader.load("llama-3.1-70b-1024-h100").energy().isEmpty());
    assertField("energy.pue", ScenarioLoader.DEFAULT, Map.of("energy.pue", "0.9"));
    assertField("energy.usdPerKwh", ScenarioLoader.DEFAULT, Map.of("energy.usdPerKwh", "50"));
  }

  @Test
  void anNvl72ClusterGrowsInWholeRacks() {
    assertField("cluster.gpus", "mixtral-8x22b-1152-gb200", Map.of("cluster.gpus", "1000"));
    assertEquals(576, ScenarioLoader.load("mixtral-8x22b-1152-gb200", Map.of("cluster.gpus", "576")).cluster().gpus());
  }

  @Test
  void recipeFieldsAreSetLikeAnyOtherAndARecipeMayVaryAnother() throws IOException {
    Scenario shorter = ScenarioLoader.load(ScenarioLoader.DEFAULT, Map.of("recipe.tokens", "1e12"));
    assertEquals(1e12, shorter.recipe().tokens());
    assertEquals(ScenarioLoader.load(ScenarioLoader.DEFAULT).recipe().sequenceLength(), shorter.recipe().sequenceLength(),
        "the other fields are the named recipe's");
    assertTrue(shorter.resolvedJson().contains("\"tokens\":1.0E12"), "the plan hashes and shows the recipe it runs: "
        + shorter.resolvedJson());
    assertEquals(StageSplit.EVEN,
        ScenarioLoader.load(ScenarioLoader.DEFAULT, Map.of("recipe.stageSplit", "even")).recipe().stageSplit());
    assertField("recipe.tokenz", ScenarioLoader.DEFAULT, Map.of("recipe.tokenz", "1"));
    assertField("recipe.tokens", ScenarioLoader.DEFAULT, Map.of("recipe.tokens", "-1"));
    assertField("recipe.stageSplit", ScenarioLoader.DEFAULT, Map.of("recipe.stageSplit", "uneven"));
    assertField("recipe.extends", ScenarioLoader.DEFAULT, Map.of("recipe.extends", "no-such-recipe"));

    Path base = dir.resolve("recipes").resolve("short.yaml");
    Files.createDirectories(base.getParent());
    Files.writeString(base, "extends: deepseek-v3\ntokens: 2e12\n");
    Path varied = dir.resolve("recipes").resolve("shorter.yaml");
    Files.writeString(varied, "extends: short.yaml\nsequenceLength: 8192\n");
    Path scenario = dir.resolve("s.yaml");
    Files.writeString(scenario, "extends: " + ScenarioLoader.DEFAULT + "\nname: s\nrecipe: {extends: recipes/shorter.yaml, batchRamp: "
        + "{fromSequences: 1536, toSequences: 7680, overTokens: 4.69e11}}\n");
    Scenario s = ScenarioLoader.load(scenario.toString());
    assertEquals(2e12, s.recipe().tokens(), "the chain's middle recipe, its path taken from the file that names it");
    assertEquals(8192, s.recipe().sequenceLength());
    assertEquals(1536, s.recipe().batchRamp().fromSequences());
    Files.writeString(base, "extends: short.yaml\n");
    assertField("recipe.extends", scenario);
  }

  @Test
  void aFileThatIsNotUtf8SaysSo() throws IOException {
    Path scenario = dir.resolve("latin1.yaml");
    Files.write(scenario, ("extends: " + ScenarioLoader.DEFAULT + "\nname: \"caf\u00e9\"\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioLoader.load(scenario.toString()));
    assertEquals(scenario.toString() + ": is not UTF-8 text; save it as UTF-8", e.getMessage());
    Path recipe = dir.resolve("latin1-recipe.yaml");
    Files.write(recipe, "name: \"caf\u00e9\"\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    e = assertThrows(InvalidInputException.class, () -> ScenarioLoader.load(ScenarioLoader.DEFAULT, Map.of("recipe", recipe.toString())));
    assertTrue(e.getMessage().endsWith("is not UTF-8 text; save it as UTF-8"), e.getMessage());
  }

  private static void assertField(String field, Path file) {
    assertField(field, file.toString(), Map.of());
  }

  private static void assertField(String field, String scenario, Map<String, String> overrides) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioLoader.load(scenario, overrides));
    assertEquals(field, e.field(), e.getMessage());
  }
}
