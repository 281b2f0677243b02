package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs that once leaked out as exit 1 or were silently taken: each now exits 2 with one line
 * naming the field or the option, and never a stack trace.
 */
class BadInputCliTest {
  static Stream<Arguments> reproducers() {
    return Stream.of(
        Arguments.of("--set", new String[] {"plan", "--set", ".=1"}),
        Arguments.of("plan.ppp", new String[] {"plan", "--set", "plan.ppp=16"}),
        Arguments.of("clster", new String[] {"plan", "--set", "clster.gpus=4096"}),
        Arguments.of("price.usdPerGpuHour", new String[] {"plan", "--set", "price.usdPerGpuHour=1e308"}),
        Arguments.of("seed", new String[] {"plan", "--set", "seed=1.5"}),
        Arguments.of("plan.nodeLimit", new String[] {"plan", "--set", "plan.nodeLimit=100"}),
        Arguments.of("cluster.ibScale", new String[] {"plan", "--set", "cluster.ibScale=1e-300"}),
        Arguments.of("plan.communicationSms", new String[] {"plan", "--set", "plan.communicationSms=0"}),
        Arguments.of("routing.samples", new String[] {"plan", "--set", "routing.samples=2147483647"}),
        Arguments.of("precision", new String[] {"plan", "--set", "cluster.gpu=a100"}),
        Arguments.of("recipe", new String[] {"plan", "--set", "model=llama-3.1-405b"}),
        Arguments.of("plan.cp", new String[] {"plan", "deepseek-v2-h800", "--set", "plan.cp=128"}),
        Arguments.of("recipe.tokenz", new String[] {"plan", "--set", "recipe.tokenz=1e12"}),
        Arguments.of("recipe.stageSplit", new String[] {"plan", "--set", "recipe.stageSplit=ends-one-fewer"}),
        Arguments.of("attention", new String[] {"plan", "--set", "attention=flash-attention-4"}),
        Arguments.of("contextExchange", new String[] {"plan", "--set", "contextExchange=ring"}),
        // read where no phase splits a sequence, it would be ignored; a latent needs MLA
        Arguments.of("contextExchange", new String[] {"plan", "llama-3.1-405b-8192-h100", "--set", "contextExchange=key-value"}),
        Arguments.of("contextExchange", new String[] {"plan", "llama-3.1-405b-131072-16384-h100", "--set",
            "contextExchange=latent"}),
        // a run that could never finish an hour of work between failures once replayed without end
        Arguments.of("reliability.checkpoint.intervalMinutes", new String[] {"plan", "--quiet", "--set",
            "reliability.rateScale=300"}),
        Arguments.of("reliability", new String[] {"plan", "--quiet", "--set", "reliability.rateScale=3000"}),
        Arguments.of("--png", new String[] {"schedule", "--kind", "dualpipe", "--ranks", "8", "--micro-batches", "20",
            "--png", "."}),
        Arguments.of("m", new String[] {"gemm", "--m", "9223372036854775807", "--n", "10", "--k", "10", "--dtype", "fp8",
            "--gpu", "h800"}),
        Arguments.of("--tokens", new String[] {"alltoall", "--tokens", "2147483647"}),
        Arguments.of("--overlapped", new String[] {"schedule", "--kind", "dualpipe", "--ranks", "8", "--micro-batches", "20",
            "--fb", "NaN"}),
        Arguments.of("--set", new String[] {"sweep", "deepseek-v3-2048-h800", "--set", "plan.nodeLimit=,"}),
        Arguments.of("--threads", new String[] {"sweep", "deepseek-v3-2048-h800", "--set", "plan.nodeLimit=2",
            "--threads", "0"}),
        Arguments.of("--ranks", new String[] {"schedule", "--compare", "--ranks", "100000", "--micro-batches", "100000"}),
        Arguments.of("--pending", new String[] {"bench", "engine", "--pending", "2000000000"}),
        Arguments.of("--pp", new String[] {"search", "deepseek-v3-2048-h800", "--gpus", "2048", "--deadline-days", "60",
            "--pp", "0"}),
        Arguments.of("--show", new String[] {"search", "deepseek-v3-2048-h800", "--gpus", "2048", "--deadline-days", "60",
            "--show", "-1"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reproducers")
  void exitsTwoWithOneLineNamingTheField(String field, String[] args) {
    CliProcess.Result r = CliProcess.run(Duration.ofMinutes(1), args);
    assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stderr().startsWith("hourglass: " + field + ":"), r.stderr());
    assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"), r.stderr());
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
  }
}
