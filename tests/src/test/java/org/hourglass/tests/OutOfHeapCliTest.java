package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run that outgrows the JVM's heap ends with one line saying how to give it more, never a stack trace. */
class OutOfHeapCliTest {
  @Test
  void aPlanOnTooSmallAHeapSaysSoInOneLine() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the default plan peaks near 380 MiB; 48 MiB runs out inside a step simulation on a worker thread
    CliProcess.Result r = CliProcess.runCommand(Duration.ofMinutes(1),
        List.of(java, "-XX:+UseSerialGC", "-Xmx48m", "-jar", CliProcess.jar().toString(), "plan", "--quiet"));
    assertEquals(1, r.exitCode(), r.stderr());
    assertTrue(r.stderr().startsWith("hourglass: out of memory: "), r.stderr());
    assertTrue(r.stderr().contains("-Xmx"), r.stderr());
    assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception in thread"), r.stderr());
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    assertEquals("", r.stdout());
  }
}
