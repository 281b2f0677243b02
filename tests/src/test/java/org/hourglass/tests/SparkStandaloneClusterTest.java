package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep submitted to a real Spark standalone cluster, as the README's steps do it: a master and a
 * worker in JVMs of their own, Spark's own {@code SparkSubmit} (what the {@code spark-submit} script
 * runs) shipping {@code hourglass-spark.jar} to an executor the worker starts. The cluster's class
 * path is Spark's libraries from {@code spark/target/lib} plus the Jackson a Spark distribution
 * ships, and no Hourglass class, so the executor runs what the driver sent. Its executor is killed
 * once it has started; the worker starts another and the job ends with the local sweep's table and
 * CSV, byte for byte.
 */
class SparkStandaloneClusterTest {
  private static final String[] SWEEP = {"llama-3.1-70b-1024-h100", "--set", "seed=1,1000"};
  private static final Duration JOB = Duration.ofMinutes(5);

  @TempDir Path dir;

  @Test
  void aSweepSubmittedToAStandaloneClusterSurvivesALostExecutorAndPrintsTheLocalSweep() throws Exception {
    Path localCsv = dir.resolve("local.csv");
    CliProcess.Result local = CliProcess.run(Duration.ofMinutes(3), concat(List.of("sweep"), SWEEP, "--quiet", "--csv",
        localCsv.toString()));
    assertEquals(0, local.exitCode(), local.stderr());

    Path sparkHome = sparkDistribution();
    int port = freePort();
    List<Process> cluster = new ArrayList<>();
    try {
      cluster.add(start(sparkHome, "master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
          Integer.toString(port), "--webui-port", "0")));
      awaitListening(port, Duration.ofSeconds(90));
      cluster.add(start(sparkHome, "worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--cores", "2", "--memory", "3g", "--webui-port", "0", "--work-dir", dir.resolve("work").toString(),
          "spark://127.0.0.1:" + port)));

      Path clusterCsv = dir.resolve("cluster.csv");
      List<String> submit = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--class",
          "org.hourglass.spark.SparkSweep", "--master", "spark://127.0.0.1:" + port, "--conf", "spark.driver.host=127.0.0.1",
          "--conf", "spark.executor.cores=2", "--conf", "spark.task.cpus=2", "--conf", "spark.executor.memory=2g",
          sparkJar().toString(), "--master", "submit"));
      submit.addAll(List.of(SWEEP));
      submit.addAll(List.of("--csv", clusterCsv.toString()));
      Process job = start(sparkHome, "submit", submit);
      cluster.add(job); // stopped with the cluster should the test fail before it ends

      ProcessHandle firstExecutor = awaitExecutor(cluster.get(1), job, Duration.ofMinutes(2));
      // killed once a task has started on it, the executor takes a running task with it
      awaitProgress(job, "started on executor", Duration.ofMinutes(2));
      firstExecutor.destroyForcibly();
      assertTrue(job.waitFor(JOB.toMillis(), TimeUnit.MILLISECONDS), "the job did not end within " + JOB);
      String stdout = Files.readString(dir.resolve("submit.out"));
      String stderr = Files.readString(dir.resolve("submit.err"));
      assertEquals(0, job.exitValue(), stderr);
      assertEquals(local.stdout(), stdout, "the same table, byte for byte");
      assertEquals(Files.readString(localCsv), Files.readString(clusterCsv), "the same CSV, byte for byte");
      assertTrue(stderr.contains("sweep on Spark: 2 of 2 tasks done") && !stderr.contains("3 of 2"), stderr);
      assertTrue(stderr.contains("failed (ExecutorLostFailure") && stderr.contains("Spark retries it"),
          "the lost executor's task failed and ran again: " + stderr);
      assertTrue(executorDirs().size() >= 2, "the worker started a second executor after the first was lost: " + executorDirs());
      assertTrue(executorDirs().stream().allMatch(e -> Files.isRegularFile(e.resolve("hourglass-spark.jar"))),
          "every executor ran tasks from the jar the driver sent: " + executorDirs());
    } finally {
      List<ProcessHandle> all = new ArrayList<>();
      for (Process p : cluster) {
        p.descendants().forEach(all::add);
        all.add(p.toHandle());
      }
      all.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle h : all) { // gone before the temporary directory they write in is deleted
        h.onExit().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** A Spark home whose {@code jars} are Spark's libraries and the Jackson of this build, as a distribution lays them out. */
  private Path sparkDistribution() throws IOException, java.net.URISyntaxException {
    Path lib = root().resolve("spark/target/lib");
    assertTrue(Files.isDirectory(lib), "no Spark libraries at " + lib + "; package the spark module first");
    Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
    try (Stream<Path> files = Files.list(lib)) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      }
    }
    for (Class<?> c : List.of(com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
        com.fasterxml.jackson.annotation.JsonProperty.class)) {
      Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
    }
    return jars.getParent();
  }

  private Process start(Path sparkHome, String name, List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m"));
    for (String p : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
        "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs", "sun.security.action",
        "sun.util.calendar")) {
      command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    command.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*"));
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    Process p = builder.start();
    p.getOutputStream().close();
    return p;
  }

  /** The executor JVM the worker starts for the job (Spark's CoarseGrainedExecutorBackend, a child of the worker). */
  private static ProcessHandle awaitExecutor(Process worker, Process job, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      Optional<ProcessHandle> executor = worker.descendants()
          .filter(h -> h.info().commandLine().map(c -> c.contains("CoarseGrainedExecutorBackend")).orElse(false))
          .findFirst();
      if (executor.isPresent()) {
        return executor.get();
      }
      assertTrue(job.isAlive(), "the job ended before its executor started");
      assertTrue(worker.isAlive(), "the worker stopped");
      Thread.sleep(200);
    }
    throw new AssertionError("no executor started within " + timeout);
  }

  private void awaitProgress(Process job, String line, Duration timeout) throws InterruptedException, IOException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.readString(dir.resolve("submit.err")).contains(line)) {
        return;
      }
      assertTrue(job.isAlive(), "the job ended before a task started");
      Thread.sleep(100);
    }
    throw new AssertionError("no task started within " + timeout);
  }

  private List<Path> executorDirs() {
    Path work = dir.resolve("work");
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> apps = Files.list(work)) {
      List<Path> executors = new ArrayList<>();
      for (Path app : apps.toList()) {
        try (Stream<Path> runs = Files.list(app)) {
          executors.addAll(runs.filter(Files::isDirectory).toList());
        }
      }
      return executors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitListening(int port, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the Spark master did not listen on " + port + " within " + timeout);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Path root() {
    return Path.of(System.getProperty("hourglass.root", "..")).toAbsolutePath().normalize();
  }

  private static Path sparkJar() {
    Path jar = root().resolve("spark/target/hourglass-spark.jar");
    assertTrue(Files.isRegularFile(jar), "no " + jar + "; package the spark module first");
    return jar;
  }

  private static String[] concat(List<String> head, String[] middle, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(middle));
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }
}
