package org.hourglass.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hourglass.fp8.AttentionKernel;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.hardware.Figure;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.hardware.SpecNode;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.TrainingJob;
import org.hourglass.parallelism.costs.ContextExchange;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.workload.TrainingRecipe;

/**
 * Reads scenario files: a built-in name ({@code deepseek-v3-2048-h800} and its what-ifs) or a
 * user's YAML path, with optional {@code path=value} overrides as {@code sweep --set} writes them.
 * Every field is checked on load; an error names the field by its dotted path and says why.
 */
public final class ScenarioLoader {
  /** The scenario {@code plan} runs when given none. */
  public static final String DEFAULT = "deepseek-v3-2048-h800";
  /** Other names a built-in answers to: the V3 run under the what-ifs' naming ({@code dsv3-2048-b200}). */
  private static final Map<String, String> ALIASES = Map.of("dsv3-2048-h800", DEFAULT);
  private static final String BUILT_IN = "/org/hourglass/scenarios/";

  private ScenarioLoader() {}

  /** Names of the built-in scenarios. */
  public static List<String> builtInNames() {
    return Index.TRAINING;
  }

  /** Names of the built-in serving scenarios ({@code serve}). */
  public static List<String> servingNames() {
    return Index.SERVING;
  }

  private static List<String> allBuiltIns() {
    return Index.ALL;
  }

  /** The built-in index files, read once: every resolve, extends and relative path asks them. */
  private static final class Index {
    static final List<String> TRAINING = List.of(readIndex("index.txt"));
    static final List<String> SERVING = List.of(readIndex("serving-index.txt"));
    static final List<String> ALL = java.util.stream.Stream.concat(TRAINING.stream(), SERVING.stream()).toList();
  }

  /**
   * The effective tree of a scenario file (training or serving): extends merged, overrides applied,
   * with its SHA-256; for {@link ServingScenarioLoader}.
   */
  static Map.Entry<String, String> effective(String nameOrFile, Map<String, String> overrides) {
    ObjectNode tree = resolve(nameOrFile, 0);
    overrides.forEach((path, value) -> set(tree, path, value));
    String text = tree.toString();
    return Map.entry(text, sha256(text));
  }

  /** Loads a built-in scenario by name, or a YAML file by path. */
  public static Scenario load(String nameOrFile) {
    return load(nameOrFile, Map.of());
  }

  /** Loads a scenario with {@code overrides} (dotted path to value) applied before checking. */
  public static Scenario load(String nameOrFile, Map<String, String> overrides) {
    return load(nameOrFile, overrides, List.of());
  }

  /**
   * As {@link #load(String, Map)}, with the fields at {@code removed} (dotted paths) taken out first:
   * for a search that gives a scenario another plan, where a field of the old one no longer applies.
   */
  static Scenario load(String nameOrFile, Map<String, String> overrides, List<String> removed) {
    nameOrFile = ALIASES.getOrDefault(nameOrFile, nameOrFile);
    ObjectNode tree = resolve(nameOrFile, 0);
    for (String path : removed) {
      int dot = path.lastIndexOf('.');
      JsonNode parent = dot < 0 ? tree : tree.at("/" + path.substring(0, dot).replace('.', '/'));
      if (parent instanceof ObjectNode mapping) {
        mapping.remove(path.substring(dot + 1));
      }
    }
    overrides.forEach((path, value) -> set(tree, path, value));
    inlineRecipe(tree);
    String effective = tree.toString();
    SpecNode root = SpecNode.parse(new ByteArrayInputStream(effective.getBytes(StandardCharsets.UTF_8)), nameOrFile);
    return SpecNode.readAll(root, n -> build(n, sha256(effective), effective));
  }

  private static Scenario build(SpecNode n, String hash, String effective) {
    HardwareCatalog catalog = HardwareCatalog.builtIn();
    requirePresent(n, List.of("name", "model", "recipe", "cluster.base", "plan.pp", "plan.schedule", "precision", "seed"));
    Architecture model = ModelCatalog.model(n.text("model"));
    TrainingRecipe recipe = n.isMapping("recipe") ? TrainingRecipe.read(n.child("recipe")) : ModelCatalog.recipe(n.text("recipe"));
    if (!recipe.model().equalsIgnoreCase(model.name())) {
      throw new InvalidInputException(n.fieldPath("recipe"), "recipe " + recipe.name() + " trains " + recipe.model()
          + ", not model " + model.name() + "; name a recipe for " + model.name());
    }
    boolean moe = model.moe().isPresent();
    boolean postTraining = recipe.sftSamples() > 0;
    List<String> needed = new ArrayList<>();
    if (moe) {
      needed.addAll(List.of("plan.ep", "plan.communicationSms", "routing.skew", "routing.samples"));
    }
    if (postTraining) {
      needed.addAll(List.of("postTraining.sftTokensPerSample", "postTraining.source"));
    }
    requirePresent(n, needed);
    requireAbsent(n, !moe, "routing", model.name() + " has no routed experts; leave routing out");
    requireAbsent(n, !postTraining, "postTraining", "recipe " + recipe.name() + " plans no post-training; leave postTraining out");
    ClusterFigures cluster = ClusterFigures.read(n.child("cluster"), catalog);
    PlanSpec plan = PlanReader.read(n.child("plan"), null, cluster.gpus(), moe);
    List<SpecNode> contextPlanNodes = contextPlanNodes(n, recipe);
    List<PlanSpec> contextPlans = contextPlans(contextPlanNodes, plan, recipe, cluster.gpus());
    requireNodeLimit(model, plan, "plan.nodeLimit");
    requireCommunicationSms(model, plan, "plan.communicationSms");
    for (int i = 0; i < contextPlans.size(); i++) {
      requireNodeLimit(model, contextPlans.get(i), "contextExtensionPlans[" + i + "].nodeLimit");
    }
    String precision = n.text("precision");
    if (!precision.equals("fp8") && !precision.equals("bf16")) {
      throw new InvalidInputException(n.fieldPath("precision"), "must be fp8 or bf16, got '" + precision + "'");
    }
    boolean fp8 = precision.equals("fp8");
    if (fp8 && !(cluster.gpu().fp8FlopsPerSecond().value() > 0)) {
      throw new InvalidInputException(n.fieldPath("precision"), "fp8 needs FP8 tensor cores, and cluster.gpu "
          + cluster.gpu().name() + " has none; use bf16");
    }
    SpecNode routing = moe ? n.child("routing") : null;
    SpecNode post = postTraining ? n.child("postTraining") : null;
    Figure price = price(n, cluster);
    List<Boolean> autoSplits = autoSplits(contextPlanNodes, recipe);
    KernelGeneration kernels = kernels(n, fp8);
    AttentionKernel attention = attention(n);
    ContextExchange exchange = contextExchange(n, model, plan, contextPlans, autoSplits.contains(true));
    double skew = moe ? routing.nonNegative("skew") : 0;
    int samples = moe ? routingSamples(routing) : 1;
    long seed = n.nonNegativeLong("seed");
    contextPlans = chooseSplits(contextPlans, autoSplits,
        new TrainingJob(model, cluster, recipe, fp8, kernels, attention, exchange, skew, samples, seed), recipe);
    return new Scenario(n.text("name"), n.text("description", ""), model, cluster, recipe, plan, contextPlans, autoSplits,
        fp8, kernels, attention, exchange, skew, samples,
        postTraining ? post.positive("sftTokensPerSample") : 0, postTraining ? post.text("source") : "no post-training planned",
        price.value(), price.source(), EnergyPrice.read(n), ReliabilityReader.read(n), seed, hash, effective);
  }

  /** Every required field the scenario leaves out, named at once (not one per run). */
  static void requirePresent(SpecNode n, List<String> paths) {
    List<String> missing = paths.stream().filter(path -> !present(n, path)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidInputException(String.join(", ", missing), missing.size() == 1 ? "is missing" : "are missing");
    }
  }

  private static boolean present(SpecNode n, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return n.has(path);
    }
    String head = path.substring(0, dot);
    return n.has(head) && present(n.child(head), path.substring(dot + 1));
  }

  /** A block that does not apply is refused rather than read and ignored. */
  private static void requireAbsent(SpecNode n, boolean notApplicable, String field, String why) {
    if (notApplicable && n.has(field)) {
      throw new InvalidInputException(n.fieldPath(field), "does not apply: " + why);
    }
  }

  /**
   * The price of a GPU-hour: the scenario's {@code price} where it gives one, else the catalog's
   * rental price for the cluster's GPU with its source and date (a what-if on another GPU pays that GPU's price).
   */
  private static Figure price(SpecNode n, ClusterFigures cluster) {
    if (!n.has("price")) {
      Figure catalog = cluster.gpu().rentalUsdPerGpuHour();
      return new Figure(catalog.value(), "catalog price of " + cluster.gpu().name() + ": " + catalog.source());
    }
    SpecNode price = n.child("price");
    return new Figure(usdPerGpuHour(price), price.text("source"));
  }

  /** Routing draws: each routes every token of an expert group, so more than 64 only costs minutes. */
  private static int routingSamples(SpecNode routing) {
    int samples = routing.positiveInt("samples");
    if (samples > 64) {
      throw new InvalidInputException(routing.fieldPath("samples"), "must be in 1..64 (draws are reused across layers), got "
          + samples);
    }
    return samples;
  }

  /** An MoE model's all-to-all runs on SMs of its own (DeepSeek-V3: 20): at least one. */
  private static void requireCommunicationSms(Architecture model, PlanSpec plan, String field) {
    if (model.moe().isPresent() && plan.communicationSms() < 1) {
      throw new InvalidInputException(field, "the expert all-to-all kernels need at least 1 SM, got 0");
    }
  }

  /** A node limit is MoE routing's: at most the model's expert groups (DeepSeek-V3: 8), none for a dense model. */
  private static void requireNodeLimit(Architecture model, PlanSpec plan, String field) {
    int groups = model.moe().map(m -> m.expertGroups()).orElse(0);
    if (plan.nodeLimit() > groups) {
      throw new InvalidInputException(field, groups == 0 ? model.name() + " has no routed experts; use 0"
          : plan.nodeLimit() + " exceeds " + model.name() + "'s " + groups + " expert groups (0 means no limit)");
    }
  }

  /** Dollars per GPU-hour: positive, and at most $1,000 (no GPU rents for more; a larger one is a typo). */
  private static double usdPerGpuHour(SpecNode price) {
    double usd = price.positive("usdPerGpuHour");
    if (usd > 1000) {
      throw new InvalidInputException(price.fieldPath("usdPerGpuHour"), "must be at most 1000 dollars per GPU-hour, got " + usd);
    }
    return usd;
  }

  /**
   * The FP8 kernel generation: required with FP8 GEMMs, where it moves the answer (no silent default);
   * BF16 runs never use it and may leave it out.
   */
  /** The run's FlashAttention generation: flash-attention-3 unless the scenario names another. */
  private static AttentionKernel attention(SpecNode n) {
    return n.has("attention") ? AttentionKernel.parse(n.fieldPath("attention"), n.text("attention"))
        : AttentionKernel.FLASH_ATTENTION_3;
  }

  /**
   * What a context-parallel group gathers: K and V, as Llama 3 does, unless the scenario names another;
   * refused where no phase splits a sequence or may (cp: auto) (it would be read and ignored), and the
   * latent where the attention has none.
   */
  private static ContextExchange contextExchange(SpecNode n, Architecture model, PlanSpec plan, List<PlanSpec> contextPlans,
      boolean anyAuto) {
    boolean split = anyAuto || plan.cp() > 1 || contextPlans.stream().anyMatch(p -> p.cp() > 1);
    requireAbsent(n, !split, "contextExchange", "no phase's plan splits a sequence (cp is 1 throughout)");
    if (!n.has("contextExchange")) {
      return ContextExchange.KEY_VALUE;
    }
    return ContextExchange.parse(n.fieldPath("contextExchange"), n.text("contextExchange"))
        .requireApplies(model, n.fieldPath("contextExchange"));
  }

  private static KernelGeneration kernels(SpecNode n, boolean fp8) {
    if (!n.has("kernels")) {
      if (fp8) {
        throw new InvalidInputException(n.fieldPath("kernels"), "is required with precision fp8: deepgemm-2025 (DeepGEMM's"
            + " published kernels) or cutlass-2024 (the internal kernels DeepSeek-V3 trained with)");
      }
      return KernelGeneration.DEEPGEMM_2025;
    }
    return KernelGeneration.parse(n.fieldPath("kernels"), n.text("kernels"));
  }

  private static List<PlanSpec> contextPlans(List<SpecNode> given, PlanSpec plan, TrainingRecipe recipe, int gpus) {
    List<PlanSpec> plans = new ArrayList<>();
    for (int i = 0; i < recipe.contextExtension().size(); i++) {
      plans.add(i < given.size() ? PlanReader.read(given.get(i), plan, gpus, true, PlanReader.cpAuto(given.get(i))) : plan);
    }
    return plans;
  }

  private static List<SpecNode> contextPlanNodes(SpecNode n, TrainingRecipe recipe) {
    List<SpecNode> given = n.has("contextExtensionPlans") ? n.children("contextExtensionPlans") : List.of();
    int phases = recipe.contextExtension().size();
    if (given.size() > phases) {
      throw new InvalidInputException(n.fieldPath("contextExtensionPlans"), given.size()
          + " plans for the recipe's " + phases + " context-extension phases");
    }
    return given;
  }

  /** Which context-extension plans say {@code cp: auto}, in the recipe's phase order. */
  private static List<Boolean> autoSplits(List<SpecNode> given, TrainingRecipe recipe) {
    List<Boolean> auto = new ArrayList<>();
    for (int i = 0; i < recipe.contextExtension().size(); i++) {
      auto.add(i < given.size() && PlanReader.cpAuto(given.get(i)));
    }
    return auto;
  }

  /** The plans with each {@code cp: auto} replaced by the fewest GPUs per sequence whose memory fits. */
  private static List<PlanSpec> chooseSplits(List<PlanSpec> plans, List<Boolean> auto, TrainingJob job, TrainingRecipe recipe) {
    List<PlanSpec> chosen = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      chosen.add(auto.get(i) ? ContextSplit.fewestThatFit(job, plans.get(i), recipe.contextExtension().get(i),
          "contextExtensionPlans[" + i + "].cp") : plans.get(i));
    }
    return chosen;
  }

  /**
   * A recipe written inline ({@code recipe: {extends: llama-3.1-405b, tokens: 1e12}}, or made so by
   * {@code --set recipe.tokens=1e12}) becomes the whole recipe it varies, its fields merged over:
   * the plan reads, hashes and prints the recipe it runs.
   */
  private static void inlineRecipe(ObjectNode tree) {
    if (tree.get("recipe") instanceof ObjectNode inline) {
      tree.set("recipe", ModelCatalog.extendRecipe(inline, "recipe"));
    }
  }

  /**
   * The scenario's tree with its {@code extends} chain merged in: a what-if names the scenario it
   * varies and gives only what differs; mappings merge field by field, anything else replaces.
   */
  private static ObjectNode resolve(String nameOrFile, int depth) {
    return resolve(nameOrFile, depth, "scenario");
  }

  /**
   * As {@link #resolve(String, int)}; {@code field} names what pointed to {@code nameOrFile} in errors.
   * A relative {@code extends} path is taken from the directory of the file that names it.
   */
  private static ObjectNode resolve(String nameOrFile, int depth, String field) {
    if (depth > 8) {
      throw new InvalidInputException("extends", "chain deeper than 8 at '" + nameOrFile + "' (a cycle?)");
    }
    ObjectNode tree = parse(readText(nameOrFile, field), nameOrFile);
    filesRelativeTo(nameOrFile, tree);
    JsonNode parent = tree.remove("extends");
    if (parent == null) {
      return tree;
    }
    ObjectNode merged = resolve(relativeTo(nameOrFile, parent.asText()), depth + 1, "extends");
    merged.remove("description");
    SpecNode.merge(merged, tree);
    return merged;
  }

  /**
   * A model, recipe or cluster that a scenario file names by a relative path is taken from that
   * file's directory (as {@code extends} is), not from wherever the command runs.
   */
  private static void filesRelativeTo(String file, ObjectNode tree) {
    if (allBuiltIns().contains(file)) {
      return;
    }
    rebase(file, tree, "model");
    rebase(file, tree, "recipe");
    if (tree.get("recipe") instanceof ObjectNode recipe) {
      rebase(file, recipe, "extends");
    }
    if (tree.get("cluster") instanceof ObjectNode cluster) {
      rebase(file, cluster, "base");
      rebase(file, cluster, "gpu");
    }
  }

  private static void rebase(String file, ObjectNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual()) {
      return;
    }
    String text = value.asText();
    boolean looksLikeFile = text.endsWith(".yaml") || text.endsWith(".yml") || text.contains("/");
    if (looksLikeFile && text.indexOf('\0') < 0) {
      node.put(key, relativeTo(file, text));
    }
  }


  /**
   * The value a scenario gives at a dotted path ({@code cluster.gpus}), as written in the scenario
   * or what it extends; empty where it gives none (the field takes its default).
   */
  public static java.util.Optional<String> valueAt(String nameOrFile, String path) {
    JsonNode node = resolve(nameOrFile, 0);
    for (String part : path.split("\\.")) {
      node = node == null ? null : node.get(part);
    }
    return node == null || node.isContainerNode() ? java.util.Optional.empty() : java.util.Optional.of(node.asText());
  }

  /** The scenario as written: a built-in's resource or a file's text. */
  public static String text(String nameOrFile) {
    return readText(ALIASES.getOrDefault(nameOrFile, nameOrFile), "scenario");
  }

  /**
   * The scenario as the planner reads it, YAML: its {@code extends} chain merged and {@code overrides}
   * applied, after every check passed (a scenario that does not load is refused, not shown).
   */
  public static String resolvedYaml(String nameOrFile, Map<String, String> overrides) {
    Scenario s = load(nameOrFile, overrides);
    String yaml;
    try {
      yaml = new ObjectMapper(new YAMLFactory().disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
          .writeValueAsString(new ObjectMapper().readTree(s.resolvedJson()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    StringBuilder chosen = new StringBuilder(yaml);
    for (int i = 0; i < s.contextPlans().size(); i++) {
      if (s.contextSplitsChosen().get(i)) {
        chosen.append("# contextExtensionPlans[").append(i).append("].cp: auto chose ").append(s.contextPlans().get(i).cp())
            .append(", the fewest GPUs per sequence whose memory fits\n");
      }
    }
    return chosen.toString();
  }

  /** An annotated template of every key, which loads as it is. */
  public static String template() {
    return resource(BUILT_IN + "template.yaml");
  }

  /** Sets a dotted path ({@code plan.nodeLimit}) to a value, typed as a number where it reads as one. */
  private static void set(ObjectNode tree, String path, String value) {
    if (!path.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*")) {
      throw new InvalidInputException("--set", "'" + path + "' is not a dotted field path (like plan.nodeLimit)");
    }
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (i == 0 && parts[0].equals("recipe") && child != null && child.isTextual()) {
        child = node.putObject("recipe").put("extends", child.asText()); // a named recipe, varied field by field
      } else if (child == null || !child.isObject()) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    String leaf = parts[parts.length - 1];
    if (value.matches("-?[0-9]{1,18}")) {
      node.put(leaf, Long.parseLong(value));
    } else if (value.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      node.put(leaf, Double.parseDouble(value));
    } else {
      node.put(leaf, value);
    }
  }

  private static ObjectNode parse(String text, String origin) {
    return SpecNode.parseTree(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin);
  }

  /** {@code named} as the file {@code namer} names it: a relative path from {@code namer}'s directory, else as is. */
  private static String relativeTo(String namer, String named) {
    if (allBuiltIns().contains(named) || allBuiltIns().contains(namer) || named.indexOf('\0') >= 0) {
      return named;
    }
    return SpecNode.besideFile(namer, named);
  }

  private static String readText(String nameOrFile, String field) {
    if (allBuiltIns().contains(nameOrFile)) {
      return resource(BUILT_IN + nameOrFile + ".yaml");
    }
    if (nameOrFile.indexOf('\0') >= 0) {
      throw new InvalidInputException(field, "a file name cannot hold a NUL character");
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      java.util.Optional<String> near = SpecNode.closest(nameOrFile, allBuiltIns());
      throw new InvalidInputException(field, "'" + nameOrFile + "' is neither a built-in scenario nor a file"
          + near.map(n -> " (did you mean " + n + "?)").orElse(" (built-ins: " + String.join(", ", builtInNames()) + ")"));
    }
    try {
      return Files.readString(file);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InvalidInputException(nameOrFile, "is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw new InvalidInputException(nameOrFile, "cannot be read: " + e.getMessage());
    }
  }

  private static String[] readIndex(String file) {
    return resource(BUILT_IN + file).strip().split("\\s+");
  }

  private static String resource(String name) {
    try (InputStream in = ScenarioLoader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing built-in resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
