package org.hourglass.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.sim.InvalidInputException;

/**
 * Starts the spark module's sweep or search job in its own JVM, so Spark (about 170 MB of libraries) stays out of
 * the everyday CLI jar: {@code spark/target/hourglass-spark.jar} beside this checkout's
 * {@code cli/target/hourglass.jar}, with its libraries in {@code spark/target/lib}, or the jar named
 * by {@code HOURGLASS_SPARK_JAR}. Spark on Java 17 needs the JDK's internals opened to it; the
 * options are Spark's own list (its launcher's JavaModuleOptions).
 */
final class SparkJob {
  static final List<String> ADD_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
      "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs",
      "sun.security.action", "sun.util.calendar");

  private SparkJob() {}

  /** The spark module's jar, or a one-line refusal saying how to build it. */
  static Path jar() {
    String named = System.getenv("HOURGLASS_SPARK_JAR");
    Path jar = named != null ? Path.of(named) : besideThisJar();
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new InvalidInputException("--spark", "needs the spark module's jar (" + (jar == null ? "spark/target/hourglass-spark.jar"
          : jar) + "); build it with mvn -B -DskipTests package, or name it in HOURGLASS_SPARK_JAR");
    }
    return jar;
  }

  private static Path besideThisJar() {
    try {
      Path self = Path.of(SparkJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = self.getParent() == null ? null : self.getParent().getParent();
      return root == null || root.getParent() == null ? null : root.getParent().resolve("spark/target/hourglass-spark.jar");
    } catch (java.net.URISyntaxException | SecurityException e) {
      return null;
    }
  }

  /** {@code java} with Hourglass's JVM options ({@link JvmOptions}), Spark's opens and the job's class path, up to the sweep's main class. */
  static List<String> javaCommand(Path jar) {
    return javaCommand(jar, "org.hourglass.spark.SparkSweep");
  }

  /** As {@link #javaCommand(Path)}, up to {@code mainClass}. */
  static List<String> javaCommand(Path jar, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmOptions.all());
    ADD_OPENS.forEach(p -> command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
    command.add("-cp");
    command.add(jar + java.io.File.pathSeparator + jar.resolveSibling("lib") + java.io.File.separator + "*");
    command.add(mainClass);
    return command;
  }

  /** Runs {@code command} with this process's standard streams; returns its exit code. */
  static int run(List<String> command) {
    try {
      return new ProcessBuilder(command).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new InvalidInputException("--spark", "cannot start the Spark job: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidInputException("--spark", "interrupted");
    }
  }
}
