package org.hourglass.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What produced a report, so a number on a slide can be reproduced: the scenario's name and the
 * SHA-256 of its file, then labelled values (model, cluster, plan, calibration profile and its
 * sources, simulator version, seed, and anything else the producer states), in the order given.
 */
public record Inputs(String scenario, String scenarioSha256, List<Input> values) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** One labelled input value, for example ("model", "DeepSeek-V3"). */
  public record Input(String label, String value) {
    public Input {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
    }
  }

  public Inputs {
    Objects.requireNonNull(scenario, "scenario");
    if (scenarioSha256 == null || !SHA256_HEX.matcher(scenarioSha256).matches()) {
      throw new IllegalArgumentException("scenarioSha256 must be 64 lowercase hex digits: " + scenarioSha256);
    }
    values = List.copyOf(values);
  }

  /** The value stated under {@code label}, if any. */
  public Optional<String> value(String label) {
    return values.stream().filter(v -> v.label().equals(label)).map(Input::value).findFirst();
  }

  /** The lowercase hex SHA-256 of {@code bytes}, for example a scenario file's content. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** The lowercase hex SHA-256 of a file's bytes. */
  public static String sha256Hex(Path file) throws IOException {
    return sha256Hex(Files.readAllBytes(file));
  }

  /** Starts the inputs of a report produced from the named scenario whose file hashes to {@code scenarioSha256}. */
  public static Builder builder(String scenario, String scenarioSha256) {
    return new Builder(scenario, scenarioSha256);
  }

  /** Collects labelled values under the standard labels, in the order they are added. */
  public static final class Builder {
    private final String scenario;
    private final String scenarioSha256;
    private final List<Input> values = new ArrayList<>();

    private Builder(String scenario, String scenarioSha256) {
      this.scenario = scenario;
      this.scenarioSha256 = scenarioSha256;
    }

    /** The model trained, for example "DeepSeek-V3 (671B total, 37B activated)". */
    public Builder model(String model) {
      return add("model", model);
    }

    /** The cluster, for example "2048 x H800, 8 per node, 400 Gb/s InfiniBand". */
    public Builder cluster(String cluster) {
      return add("cluster", cluster);
    }

    /** The parallel plan, for example "PP16 EP64 DP128 ZeRO-1, DualPipe". */
    public Builder plan(String plan) {
      return add("plan", plan);
    }

    /** The calibration profile and where its figures come from (datasheets, benchmarks, measurements). */
    public Builder calibration(String profile, List<String> sources) {
      add("calibration profile", profile);
      return add("calibration sources", String.join("; ", sources));
    }

    /** The simulator version that produced the numbers. */
    public Builder simulatorVersion(String version) {
      return add("simulator version", version);
    }

    /** The seed of the simulation's random streams. */
    public Builder seed(long seed) {
      return add("seed", Long.toString(seed));
    }

    /** Any other input, under its own label. */
    public Builder add(String label, String value) {
      values.add(new Input(label, value));
      return this;
    }

    /** The inputs. */
    public Inputs build() {
      return new Inputs(scenario, scenarioSha256, values);
    }
  }
}
