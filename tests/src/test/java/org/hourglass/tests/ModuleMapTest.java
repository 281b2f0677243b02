package org.hourglass.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "Where things are" table against the tree: one row per module of the build, in the
 * build's order, and every main type it names is a source file of that module (in the named
 * sub-package where one is given). The step and its costs live in parallelism, not scenarios.
 */
class ModuleMapTest {
  private static final Path ROOT = Path.of(System.getProperty("hourglass.root", "..")).toAbsolutePath().normalize();
  private static final Pattern ROW = Pattern.compile("^\\| `([\\w-]+)` \\|[^|]*\\|([^|]*)\\|$", Pattern.MULTILINE);
  private static final Pattern TYPE = Pattern.compile("`([\\w.]+)`");

  @Test
  void theReadmeTableHasOneRowPerModuleOfTheBuild() throws IOException {
    assertEquals(buildModules(), new ArrayList<>(readmeRows().keySet()));
  }

  @Test
  void everyMainTypeTheTableNamesIsASourceOfItsModule() throws IOException {
    List<String> missing = new ArrayList<>();
    readmeRows().forEach((module, types) -> {
      for (String type : types) {
        String relative = type.replace('.', '/') + ".java";
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
          if (files.noneMatch(f -> f.toString().endsWith("/" + relative))) {
            missing.add(module + ": " + type);
          }
        } catch (IOException e) {
          missing.add(module + ": no src/main/java");
        }
      }
    });
    assertTrue(missing.isEmpty(), "named in the README but not in the tree: " + missing);
  }

  @Test
  void theStepAndItsCostsLiveInParallelism() {
    Path scenarios = ROOT.resolve("scenarios/src/main/java/org/hourglass/scenarios");
    assertFalse(Files.exists(scenarios.resolve("costs")), "scenarios has no costs package");
    assertFalse(Files.exists(scenarios.resolve("step")), "scenarios has no step package");
    Path parallelism = ROOT.resolve("parallelism/src/main/java/org/hourglass/parallelism");
    assertTrue(Files.isRegularFile(parallelism.resolve("StepSimulator.java")));
    assertTrue(Files.isRegularFile(parallelism.resolve("costs/StepCostModel.java")));
    assertTrue(Files.isRegularFile(parallelism.resolve("step/StepSimulation.java")));
  }

  private static List<String> buildModules() throws IOException {
    Matcher m = Pattern.compile("<module>([\\w-]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
    List<String> modules = new ArrayList<>();
    while (m.find()) {
      modules.add(m.group(1));
    }
    return modules;
  }

  private static Map<String, List<String>> readmeRows() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("## Where things are");
    assertTrue(start >= 0, "README has a \"Where things are\" section");
    int end = readme.indexOf("\n## ", start + 1);
    Matcher row = ROW.matcher(readme.substring(start, end < 0 ? readme.length() : end));
    Map<String, List<String>> rows = new LinkedHashMap<>();
    while (row.find()) {
      List<String> types = new ArrayList<>();
      Matcher type = TYPE.matcher(row.group(2));
      while (type.find()) {
        types.add(type.group(1));
      }
      rows.put(row.group(1), types);
    }
    return rows;
  }
}
