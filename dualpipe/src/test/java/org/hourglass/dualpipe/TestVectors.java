package org.hourglass.dualpipe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference test vectors (/work/shared/reference/dualpipe-testvectors.txt, an independent
 * re-implementation of deepseek-ai/DualPipe whose rank 0 matches the DeepSeek-V3 report's Fig. 5):
 * per-rank op strings and simulated makespans and idle times.
 */
final class TestVectors {
  /** One simulated case: DualPipe on N ranks, C micro-batches, with its makespan and worst idle time. */
  record Timing(int ranks, int microBatches, double f, double b, double w, double fb, double makespan, double maxIdle, double formula) {}

  private static final Pattern TIMING = Pattern.compile(
      "DP N=\\s*(\\d+) C=\\s*(\\d+) F=(\\S+) B=(\\S+) W=(\\S+) F&B=(\\S+): makespan=(\\S+) max_idle=(\\S+) formula\\S*=(\\S+)");

  private final Map<String, List<String>> opStrings = new LinkedHashMap<>();
  private final List<Timing> timings = new ArrayList<>();

  static TestVectors load() {
    try (InputStream in = TestVectors.class.getResourceAsStream("dualpipe-testvectors.txt")) {
      TestVectors vectors = new TestVectors();
      vectors.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      return vectors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read(BufferedReader reader) throws IOException {
    String heading = null;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      Matcher timing = TIMING.matcher(line);
      if (timing.matches()) {
        timings.add(timing(timing));
      } else if (line.startsWith("  rank ")) {
        opStrings.get(heading).add(line.substring(line.indexOf(':') + 1).trim());
      } else if (!line.isBlank()) {
        heading = line.trim();
        opStrings.put(heading, new ArrayList<>());
      }
    }
  }

  private static Timing timing(Matcher m) {
    double[] v = new double[7];
    for (int i = 0; i < 7; i++) {
      v[i] = Double.parseDouble(m.group(i + 3));
    }
    return new Timing(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  /** The per-rank op strings under a heading such as "DualPipe N=8 C=20". */
  List<String> opStrings(String heading) {
    return opStrings.get(heading);
  }

  List<Timing> timings() {
    return timings;
  }
}
