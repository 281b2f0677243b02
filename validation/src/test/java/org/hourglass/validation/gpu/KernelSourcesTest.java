package org.hourglass.validation.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every kernel source compiles with {@code nvcc -ptx -arch=sm_90} where nvcc is installed, and defines its entry points. */
class KernelSourcesTest {
  private static final Path SOURCES = Path.of(System.getProperty("hourglass.cuda.sources", "src/main/cuda"));
  private static final Path NVCC = Path.of(System.getProperty("hourglass.nvcc", "/usr/local/bin/nvcc"));

  private static List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.list(SOURCES)) {
      return s.filter(p -> p.toString().endsWith(".cu")).sorted().toList();
    }
  }

  @Test
  void everyKernelSourceCompilesForSm90() throws Exception {
    assumeTrue(Files.isExecutable(NVCC), "SKIPPED: no nvcc at " + NVCC + "; kernel sources not compiled");
    Path out = Files.createTempDirectory("ptx");
    for (Path cu : sources()) {
      Path ptx = out.resolve(cu.getFileName() + ".ptx");
      Process p = new ProcessBuilder(NVCC.toString(), "-ptx", "-arch=sm_90", "-o", ptx.toString(), cu.toString()).redirectErrorStream(true).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc timed out on " + cu);
      String log = new String(p.getInputStream().readAllBytes());
      assertEquals(0, p.exitValue(), cu + ": " + log);
      String text = Files.readString(ptx);
      for (Kernel k : Kernel.values()) {
        if (k.file().equals(cu.getFileName().toString().replace(".cu", ""))) {
          assertTrue(text.contains(".entry " + k.function()), k.function() + " missing from " + cu);
        }
      }
    }
  }

  @Test
  void everyKernelHasASourceAndThePtxShipsWhenBuiltWithNvcc() throws IOException {
    List<String> files = sources().stream().map(p -> p.getFileName().toString()).toList();
    for (Kernel k : Kernel.values()) {
      assertTrue(files.contains(k.file() + ".cu"), k + " has no source");
      if (Files.isExecutable(NVCC)) {
        assertTrue(GpuDevice.ptx(k).length > 100, k + " PTX not in the build");
      }
    }
  }
}
