package org.hourglass.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.sim.InvalidInputException;

/**
 * The built-in GPUs and clusters, YAML resources under {@code org/hourglass/hardware/catalog}, named
 * in its {@code index.yaml}; a user's own file is read the same way and checked as strictly.
 */
public final class HardwareCatalog {
  private static final String ROOT = "/org/hourglass/hardware/catalog/";

  private final List<GpuSpec> gpus = new ArrayList<>();
  private final List<String> clusterNames;

  private HardwareCatalog(List<String> gpuNames, List<String> clusterNames) {
    for (String name : gpuNames) {
      gpus.add(SpecNode.readAll(resource("gpus/" + name + ".yaml"), GpuSpec::read));
    }
    this.clusterNames = List.copyOf(clusterNames);
  }

  /** The catalog shipped in the jar. */
  public static HardwareCatalog builtIn() {
    SpecNode index = resource("index.yaml");
    return new HardwareCatalog(index.texts("gpus"), index.texts("clusters"));
  }

  /** Built-in GPUs, in catalog order. */
  public List<GpuSpec> gpus() {
    return List.copyOf(gpus);
  }

  /** Built-in cluster names, in catalog order. */
  public List<String> clusterNames() {
    return clusterNames;
  }

  /** A GPU by name or alias, or from a YAML file when {@code nameOrFile} names one. */
  public GpuSpec gpu(String nameOrFile) {
    for (GpuSpec g : gpus) {
      if (g.answersTo(nameOrFile)) {
        return g;
      }
    }
    if (looksLikeFile(nameOrFile)) {
      return SpecNode.readAll(SpecNode.parseFile(Path.of(nameOrFile)), GpuSpec::read);
    }
    throw new InvalidInputException("gpu", "unknown GPU '" + nameOrFile + "' (known: " + gpuNames() + ")");
  }

  /** A cluster by name, or from a YAML file when {@code nameOrFile} names one. */
  public ClusterSpec cluster(String nameOrFile) {
    if (clusterNames.stream().anyMatch(n -> n.equalsIgnoreCase(nameOrFile))) {
      return SpecNode.readAll(resource("clusters/" + nameOrFile.toLowerCase() + ".yaml"), n -> ClusterSpec.read(n, this));
    }
    if (looksLikeFile(nameOrFile)) {
      return SpecNode.readAll(SpecNode.parseFile(Path.of(nameOrFile)), n -> ClusterSpec.read(n, this));
    }
    throw new InvalidInputException("cluster", "unknown cluster '" + nameOrFile + "' (known: " + String.join(", ", clusterNames) + ")");
  }

  /** True when a built-in cluster has this name. */
  public boolean hasCluster(String name) {
    return clusterNames.stream().anyMatch(n -> n.equalsIgnoreCase(name));
  }

  private String gpuNames() {
    return String.join(", ", gpus.stream().map(GpuSpec::name).toList());
  }

  private static boolean looksLikeFile(String s) {
    return s.endsWith(".yaml") || s.endsWith(".yml") || s.contains("/");
  }

  private static SpecNode resource(String relative) {
    try (InputStream in = HardwareCatalog.class.getResourceAsStream(ROOT + relative)) {
      if (in == null) {
        throw new IllegalStateException("missing built-in resource " + ROOT + relative);
      }
      return SpecNode.parse(in, relative);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
