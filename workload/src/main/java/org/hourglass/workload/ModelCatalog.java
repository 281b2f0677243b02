package org.hourglass.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

  /** A training recipe by built-in name, or from a YAML file, its {@code extends} chain merged. */
  public static TrainingRecipe recipe(String nameOrFile) {
    return SpecNode.readAll(SpecNode.of(recipeTree(nameOrFile, "recipe", 0)), TrainingRecipe::read);
  }

  /**
   * A recipe written as a mapping, with {@code extends} naming the recipe it varies (built-in or
   * file): that recipe's tree with this one's fields merged over it, mappings field by field, as a
   * scenario's {@code extends} merges. Without {@code extends} the mapping is the whole recipe.
   * {@code field} names the mapping in errors.
   */
  public static ObjectNode extendRecipe(ObjectNode tree, String field) {
    return extendRecipe(tree, field, null, 0);
  }

  private static ObjectNode extendRecipe(ObjectNode tree, String field, String file, int depth) {
    JsonNode parent = tree.remove("extends");
    if (parent == null) {
      return tree;
    }
    String extendsField = field.endsWith(".extends") ? field : field + ".extends";
    if (!parent.isTextual() || parent.asText().isBlank()) {
      throw new InvalidInputException(extendsField, "must name a recipe (built-in or a .yaml file)");
    }
    String named = parent.asText();
    if (file != null && looksLikeFile(named)) {
      named = SpecNode.besideFile(file, named);
    }
    ObjectNode merged = recipeTree(named, extendsField, depth + 1);
    SpecNode.merge(merged, tree);
    return merged;
  }

  private static ObjectNode recipeTree(String nameOrFile, String field, int depth) {
    if (depth > 8) {
      throw new InvalidInputException(field, "recipe extends chain deeper than 8 at '" + nameOrFile + "' (a cycle?)");
    }
    String key = nameOrFile.toLowerCase(Locale.ROOT);
    if (RECIPES.contains(key)) {
      return extendRecipe(tree("recipes/" + key + ".yaml"), field, null, depth);
    }
    if (looksLikeFile(nameOrFile) && nameOrFile.indexOf('\0') < 0) {
      Path file = Path.of(nameOrFile);
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException(field, "no such recipe file '" + nameOrFile + "'");
      }
      try (InputStream in = Files.newInputStream(file)) {
        return extendRecipe(SpecNode.parseTree(in, nameOrFile), field, nameOrFile, depth);
      } catch (IOException e) {
        throw new InvalidInputException(field, "cannot read '" + nameOrFile + "': " + e.getMessage());
      }
    }
    throw new InvalidInputException(field, "unknown recipe '" + nameOrFile + "' (known: " + String.join(", ", RECIPES)
        + ", or a .yaml file)");
  }

  /** True when a built-in recipe has this name. */
  public static boolean hasRecipe(String name) {
    return RECIPES.contains(name.toLowerCase(Locale.ROOT));
  }

  private static boolean looksLikeFile(String s) {
    return s.endsWith(".yaml") || s.endsWith(".yml") || s.contains("/");
  }

  private static ObjectNode tree(String relative) {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(ROOT + relative)) {
      if (in == null) {
        throw new IllegalStateException("missing built-in resource " + ROOT + relative);
      }
      return SpecNode.parseTree(in, relative);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SpecNode resource(String relative) {
    return SpecNode.of(tree(relative));
  }
}
