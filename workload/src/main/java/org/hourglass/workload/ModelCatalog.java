package org.hourglass.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hourglass.hardware.SpecNode;
import org.hourglass.sim.InvalidInputException;

/**
 * The built-in models and recipes, YAML resources under {@code org/hourglass/workload}, each taken from
 * the model's published configuration (the file names its source); a user's own file loads the same way.
 */
public final class ModelCatalog {
  private static final String ROOT = "/org/hourglass/workload/";
  private static final List<String> MODELS =
      List.of("deepseek-v3", "deepseek-v2", "llama-3.1-405b", "llama-3.1-70b", "qwen-2.5-72b", "mixtral-8x22b");
  private static final List<String> RECIPES =
      List.of("deepseek-v3", "deepseek-v2", "llama-3.1-405b", "llama-3.1-70b", "qwen-2.5-72b", "mixtral-8x22b");

  private ModelCatalog() {}

  /** Built-in model names. */
  public static List<String> modelNames() {
    return MODELS;
  }

  /** A model by built-in name, or from a YAML file. */
  public static Architecture model(String nameOrFile) {
    String key = nameOrFile.toLowerCase(Locale.ROOT);
    if (MODELS.contains(key)) {
      return SpecNode.readAll(resource("models/" + key + ".yaml"), Architecture::read);
    }
    if (looksLikeFile(nameOrFile)) {
      return SpecNode.readAll(SpecNode.parseFile(Path.of(nameOrFile)), Architecture::read);
    }
    throw new InvalidInputException("model", "unknown model '" + nameOrFile + "' (known: " + String.join(", ", MODELS) + ", or a .yaml file)");
  }

  /** A training recipe by built-in name, or from a YAML file. */
  public static TrainingRecipe recipe(String nameOrFile) {
    String key = nameOrFile.toLowerCase(Locale.ROOT);
    if (RECIPES.contains(key)) {
      return SpecNode.readAll(resource("recipes/" + key + ".yaml"), TrainingRecipe::read);
    }
    if (looksLikeFile(nameOrFile)) {
      return SpecNode.readAll(SpecNode.parseFile(Path.of(nameOrFile)), TrainingRecipe::read);
    }
    throw new InvalidInputException("recipe", "unknown recipe '" + nameOrFile + "' (known: " + String.join(", ", RECIPES) + ")");
  }

  /** True when a built-in recipe has this name. */
  public static boolean hasRecipe(String name) {
    return RECIPES.contains(name.toLowerCase(Locale.ROOT));
  }

  private static boolean looksLikeFile(String s) {
    return s.endsWith(".yaml") || s.endsWith(".yml") || s.contains("/");
  }

  private static SpecNode resource(String relative) {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(ROOT + relative)) {
      if (in == null) {
        throw new IllegalStateException("missing built-in resource " + ROOT + relative);
      }
      return SpecNode.parse(in, relative);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
