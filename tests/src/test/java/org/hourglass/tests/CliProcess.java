package org.hourglass.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged CLI as a user does, {@code java -jar hourglass.jar args...}, with a timeout, and
 * captures stdout, stderr and the exit code. The jar path comes from the {@code hourglass.jar} system
 * property the surefire configuration sets.
 */
public final class CliProcess {
  /** What one run produced. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  /** Runs shared by every test class in this JVM, keyed by their arguments. */
  private static final java.util.Map<List<String>, Result> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

  private CliProcess() {}

  /** Runs the CLI with {@code args} and the default timeout of 60 s. */
  public static Result run(String... args) {
    return run(DEFAULT_TIMEOUT, args);
  }

  /** Runs the CLI with {@code args}; a run past {@code timeout} is killed and reported as an error. */
  public static Result run(Duration timeout, String... args) {
    // the launcher's JVM options (./hourglass passes the same file), so tests run the CLI as a user's shell does
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "@" + jvmOptions(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    return runCommand(timeout, command);
  }

  /**
   * Runs the CLI with {@code args} once for every test class of this JVM that asks (a default plan
   * takes a quarter of a minute, and several classes read the same one); later calls get the first
   * call's result.
   */
  public static Result runShared(Duration timeout, String... args) {
    return SHARED.computeIfAbsent(List.of(args), unused -> run(timeout, args));
  }

  /**
   * Runs any command line (the {@code ./hourglass} launcher, say) the same way. The launcher is told
   * not to rebuild ({@code HOURGLASS_NO_BUILD}), so a test never starts a nested Maven build.
   */
  public static Result runCommand(Duration timeout, List<String> command) {
    String args = String.join(" ", command);
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("HOURGLASS_NO_BUILD", "1");
      Process p = builder.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(args + " did not finish within " + timeout);
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The packaged jar, checked to exist. */
  public static Path jar() {
    String prop = System.getProperty("hourglass.jar");
    if (prop == null) {
      throw new AssertionError("system property hourglass.jar is not set (run through Maven surefire)");
    }
    Path jar = Path.of(prop).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("no CLI jar at " + jar + "; package the cli module first");
    }
    return jar;
  }

  /** The launcher's JVM options file, in the source tree the {@code hourglass.root} property names. */
  static Path jvmOptions() {
    Path file = Path.of(System.getProperty("hourglass.root", "..")).resolve("cli/src/main/resources/jvm.options")
        .toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("no JVM options file at " + file);
    }
    return file;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
