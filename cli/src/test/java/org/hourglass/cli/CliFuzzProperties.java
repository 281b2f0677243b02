package org.hourglass.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * A fuzzer of command lines, in process: the quick commands (schedule, gemm, kv-cache, memory,
 * model, hardware) with their options set to mutated values, some dropped, some unknown. Every case
 * must end in exit 0, 2 or 3, and every exit 2 in one line naming an argument or field; never exit
 * 1, never a stack trace.
 */
class CliFuzzProperties {
  private static final Map<String, List<String>> OPTIONS = Map.of(
      "schedule", List.of("--kind", "--ranks", "--micro-batches", "--f", "--b", "--w", "--fb", "--p2p-latency", "--compare",
          "--json"),
      "gemm", List.of("--m", "--n", "--k", "--dtype", "--gpu", "--sms", "--json"),
      "kv-cache", List.of("--model", "--context", "--dtype", "--gpus", "--gpu", "--json"),
      "memory", List.of("--model", "--gpu", "--gpus", "--pp", "--ep", "--dp", "--tp", "--schedule", "--micro-batch",
          "--seq-len", "--recompute", "--json"),
      "model", List.of("--seq-len", "--json"),
      "hardware", List.of("--json"));
  private static final List<String> VALUES = List.of("0", "1", "-1", "2", "4", "8", "16", "20", "61", "64", "128", "4096",
      "1.5", "1e30", "NaN", "Infinity", "-Infinity", "16d", "", "x", "dualpipe", "dualpipev", "interleaved", "1f1b", "zb1p",
      "gpipe", "chimera", "fp8", "bf16", "fp4", "h800", "h100", "a100", "b200", "deepseek-v3", "llama-3.1-405b",
      "mixtral-8x22b", "no-such.yaml", "none", "full", "deepseek-v3", "9223372036854775807", "2147483647", "--json",
      "--help");
  private static final AtomicInteger CASES = new AtomicInteger();

  @Provide
  Arbitrary<List<String>> commandLines() {
    Arbitrary<String> command = Arbitraries.of(List.copyOf(OPTIONS.keySet()));
    return command.flatMap(c -> {
      Arbitrary<String> option = Arbitraries.oneOf(Arbitraries.of(OPTIONS.get(c)), Arbitraries.of("--nope", "-x", "--"));
      Arbitrary<List<String>> pairs = Combinators.combine(option, Arbitraries.of(VALUES)).as(List::of).list()
          .ofMaxSize(5).map(l -> l.stream().flatMap(List::stream).toList());
      Arbitrary<List<String>> positional = c.equals("model") ? Arbitraries.of(VALUES).map(List::of)
          : c.equals("hardware") ? Arbitraries.of(List.of("list"), List.of("show", "h800"), List.of("show", "zz"), List.of())
          : Arbitraries.just(List.of());
      return Combinators.combine(positional, pairs).as((p, o) -> {
        List<String> args = new ArrayList<>(List.of(c));
        args.addAll(p);
        args.addAll(o);
        return args;
      });
    });
  }

  @Property(tries = 2_000, seed = "20261201") // seeded: CI reproducible; change the seed to explore further
  void everyCommandLineEndsInExitZeroTwoOrThreeWithoutAStackTrace(@ForAll("commandLines") List<String> args) {
    CASES.incrementAndGet();
    StringWriter err = new StringWriter();
    int code = Hourglass.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
    String stderr = err.toString();
    assertTrue(code == 0 || code == 2 || code == 3, "exit " + code + " for " + args + ": " + stderr);
    assertFalse(stderr.contains("\tat ") || stderr.contains("internal error"), args + ": " + stderr);
    if (code == 2) {
      assertTrue(stderr.startsWith("hourglass: "), args + ": " + stderr);
    }
  }

  @AfterProperty
  void count() {
    System.out.println("command-line fuzzer: " + CASES.get() + " cases, each exit 0, 2 or 3, none with a stack trace");
  }
}
