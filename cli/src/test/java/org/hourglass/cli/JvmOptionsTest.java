package org.hourglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {
  @Test
  void theOptionsAreTheFilesLinesWithoutItsComments() {
    List<String> options = JvmOptions.all();
    assertEquals(List.of("-XX:+UseSerialGC", "-XX:FreqInlineSize=100", "-XX:InlineSmallCode=1000"), options);
  }

  @Test
  void theSparkJobsJvmRunsWithTheSameOptionsAsTheCli() {
    List<String> command = SparkJob.javaCommand(Path.of("hourglass-spark.jar"));
    int java = 0;
    assertTrue(command.get(java).endsWith("java"), command.toString());
    assertEquals(JvmOptions.all(), command.subList(1, 1 + JvmOptions.all().size()), command.toString());
    assertEquals("org.hourglass.spark.SparkSweep", command.get(command.size() - 1));
  }
}
