package org.hourglass.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JVM options every Hourglass JVM runs with (collector and JIT inlining), read from the
 * {@code jvm.options} resource that the {@code ./hourglass} launcher passes as {@code java @file}:
 * a child JVM this CLI starts (the Spark job) gets the same ones. The reasons are in the file.
 */
final class JvmOptions {
  private JvmOptions() {}

  /** The options, one per non-blank, non-comment line, in order. */
  static List<String> all() {
    try (InputStream in = JvmOptions.class.getResourceAsStream("/jvm.options")) {
      if (in == null) {
        throw new IllegalStateException("the CLI jar has no jvm.options resource");
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
