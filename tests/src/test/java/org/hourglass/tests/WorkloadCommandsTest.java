package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The model, kv-cache and memory commands, run as a process, against published figures and bad input. */
class WorkloadCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(CliProcess.Result r) throws IOException {
    assertEquals(0, r.exitCode(), r.stderr());
    return JSON.readTree(r.stdout());
  }

  private static void assertBadInput(CliProcess.Result r, String mentions) {
    assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
    String err = r.stderr().strip();
    assertTrue(err.startsWith("hourglass: "), err);
    assertTrue(err.contains(mentions), err);
    assertFalse(err.contains("Exception") || err.contains("\tat "), err);
  }

  @Test
  void modelPrintsTheArchitectureCountsFlopsAndKvCache() {
    CliProcess.Result r = CliProcess.run("model", "deepseek-v3");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("MLA, 128 heads"), r.stdout());
    assertTrue(r.stdout().contains("671.03B"), r.stdout());
    assertTrue(r.stdout().contains("70,272 B (bf16)"), r.stdout());
    assertTrue(r.stdout().contains("routed experts"), r.stdout());
  }

  @Test
  void modelJsonCarriesThePublishedFigures() throws IOException {
    JsonNode j = json(CliProcess.run("model", "deepseek-v3", "--json"));
    assertEquals(671e9, j.at("/parameters/total").asDouble(), 0.005 * 671e9);
    assertEquals(685e9, j.at("/parameters/checkpointWithMtp").asDouble(), 0.005 * 685e9);
    assertEquals(250e9, j.at("/flopsPerToken/recompute_none/mainModelTotal").asDouble(), 0.02 * 250e9);
    assertEquals(70_272, j.at("/kvCacheBytesPerToken/bf16").asLong());
  }

  @Test
  void kvCacheJsonHasBytesPerTokenAndSequencesThatFit() throws IOException {
    JsonNode j = json(CliProcess.run("kv-cache", "--model", "deepseek-v3", "--context", "131072", "--gpus", "320", "--gpu", "h800", "--json"));
    assertEquals(70_272, j.get("bytesPerToken").asLong());
    assertEquals(70_272L * 131072, j.get("bytesPerSequence").asLong());
    long fit = j.get("sequencesThatFit").asLong();
    double free = j.get("freeBytes").asDouble();
    assertTrue(fit > 0);
    assertTrue(fit * 70_272.0 * 131072 <= free && (fit + 1) * 70_272.0 * 131072 > free);
    assertTrue(j.at("/equivalentBytesPerToken/mha").asLong() > j.get("bytesPerToken").asLong());
  }

  @Test
  void kvCacheOfGqaModelsMatchesDeepSeeksComparison() throws IOException {
    assertEquals(327_680, json(CliProcess.run("kv-cache", "--model", "qwen-2.5-72b", "--context", "4096", "--json")).get("bytesPerToken").asLong());
    assertEquals(516_096, json(CliProcess.run("kv-cache", "--model", "llama-3.1-405b", "--context", "4096", "--json")).get("bytesPerToken").asLong());
    assertEquals(35_136, json(CliProcess.run("kv-cache", "--model", "deepseek-v3", "--context", "4096", "--dtype", "fp8", "--json")).get("bytesPerToken").asLong());
  }

  @Test
  void memoryOfDeepSeeksLayoutFitsAnH800() throws IOException {
    JsonNode j = json(CliProcess.run("memory", "--model", "deepseek-v3", "--gpu", "h800", "--pp", "16", "--ep", "64", "--dp", "128",
        "--schedule", "dualpipe", "--micro-batch", "1", "--json"));
    assertTrue(j.get("fits").asBoolean());
    assertEquals(17, j.get("microBatchesInFlight").asInt());
    double parts = j.get("weightBytes").asDouble() + j.get("gradientBytes").asDouble() + j.get("masterWeightBytes").asDouble()
        + j.get("optimizerMomentBytes").asDouble() + j.get("activationBytes").asDouble();
    assertEquals(parts, j.get("totalBytes").asDouble(), 1);
    assertTrue(j.get("totalBytes").asDouble() <= j.get("hbmBytes").asDouble());
  }

  @Test
  void memoryTextShowsTheBreakdown() {
    CliProcess.Result r = CliProcess.run("memory", "--model", "deepseek-v3", "--gpu", "h800", "--pp", "16", "--ep", "64", "--dp", "128",
        "--schedule", "dualpipe", "--micro-batch", "1");
    assertEquals(0, r.exitCode(), r.stderr());
    for (String part : new String[] {"weights", "gradients", "master weights", "optimizer moments", "activations (17 micro-batches)", "fits"}) {
      assertTrue(r.stdout().contains(part), part + " in " + r.stdout());
    }
  }

  @Test
  void contextParallelismSplitsTheTokensAndAddsOneLayersKeysAndValuesAsThePlanCountsThem() throws java.io.IOException {
    // V3's 128K phase: cp 64 fits (2048 tokens a GPU); cp 32 does not, as the plan's cp: auto found
    JsonNode split = json(CliProcess.run("memory", "--model", "deepseek-v3", "--gpus", "2048", "--pp", "16", "--ep", "64",
        "--schedule", "dualpipe", "--seq-len", "131072", "--cp", "64", "--context-exchange", "latent", "--json"));
    assertTrue(split.get("fits").asBoolean());
    assertEquals(64, split.get("cp").asInt());
    // the latent (512 + 64) and the rebuilt K and V (128 heads x (192 + 128)), BF16, for the whole sequence
    assertEquals(131072.0 * (576 + 128 * 320) * 2, split.get("contextParallelBytes").asDouble(), 1);
    CliProcess.Result fewer = CliProcess.run("memory", "--model", "deepseek-v3", "--gpus", "2048", "--pp", "16", "--ep", "64",
        "--schedule", "dualpipe", "--seq-len", "131072", "--cp", "32", "--context-exchange", "latent");
    assertBadInput(fewer, "does not fit");
    assertTrue(fewer.stdout().contains("CP keys and values (one layer)"), fewer.stdout());
    assertBadInput(CliProcess.run("memory", "--model", "llama-3.1-405b", "--gpus", "16384", "--pp", "16", "--tp", "8",
        "--cp", "16", "--context-exchange", "latent"), "--context-exchange");
  }

  @Test
  void aLayoutThatDoesNotFitIsOneLineAndExitTwo() {
    CliProcess.Result r = CliProcess.run("memory", "--model", "deepseek-v3", "--gpu", "h800", "--pp", "16", "--ep", "64", "--dp", "128",
        "--schedule", "dualpipe", "--micro-batch", "4");
    assertBadInput(r, "does not fit");
    assertEquals(1, r.stderr().strip().lines().count());
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    assertBadInput(CliProcess.run("model", "gpt-5"), "unknown model 'gpt-5'");
    assertBadInput(CliProcess.run("kv-cache", "--model", "deepseek-v3", "--context", "-5"), "--context");
    assertBadInput(CliProcess.run("kv-cache", "--model", "nope", "--context", "10"), "unknown model");
    assertBadInput(CliProcess.run("memory", "--model", "deepseek-v3", "--pp", "16", "--ep", "64", "--dp", "100", "--gpus", "2048"), "--gpus");
    assertBadInput(CliProcess.run("memory", "--model", "deepseek-v3", "--pp", "3", "--ep", "64", "--gpus", "2048"), "do not divide");
    assertBadInput(CliProcess.run("memory", "--model", "deepseek-v3", "--pp", "16", "--ep", "48", "--dp", "128"), "--ep");
    assertBadInput(CliProcess.run("memory", "--model", "deepseek-v3", "--pp", "16", "--dp", "128", "--schedule", "gpipe2"), "unknown schedule");
  }
}
