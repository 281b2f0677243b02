package org.hourglass.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hourglass.sim.InvalidInputException;

/**
 * A node of a YAML description that reads its fields strictly: a missing, non-numeric, negative or
 * zero field is an {@link InvalidInputException} naming the field by its full dotted path. It
 * remembers every field name its reader asked for, so that after reading,
 * {@link #requireNoUnknownKeys()} refuses any key nobody asked for (a misspelt key is never silently
 * ignored), suggesting the nearest name that was asked for. A key written twice in one mapping, and a
 * second YAML document, are refused on parse.
 */
public final class SpecNode {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final JsonNode node;
  private final String path;
  private final java.util.Set<String> asked = new java.util.LinkedHashSet<>();
  private final List<SpecNode> read = new ArrayList<>();

  private SpecNode(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** Parses a YAML document; {@code origin} names it in errors. */
  public static SpecNode parse(InputStream in, String origin) {
    return new SpecNode(parseTree(in, origin), "");
  }

  /** A tree already parsed (and merged, as an {@code extends} chain is), read as a document. */
  public static SpecNode of(ObjectNode root) {
    return new SpecNode(root, "");
  }

  /**
   * Parses a YAML document into its tree, for readers that merge trees before reading them: one
   * mapping, no key twice, no second document.
   */
  public static ObjectNode parseTree(InputStream in, String origin) {
    try (com.fasterxml.jackson.core.JsonParser parser = YAML.getFactory().createParser(in)) {
      JsonNode root = YAML.readTree(parser);
      if (root == null || !root.isObject()) {
        throw new InvalidInputException(origin, "is not a YAML mapping");
      }
      if (parser.nextToken() != null) {
        throw new InvalidInputException(origin, "holds more than one YAML document; keep one");
      }
      return (ObjectNode) root;
    } catch (IOException e) {
      if (notUtf8(e)) {
        throw new InvalidInputException(origin, "is not UTF-8 text; save it as UTF-8");
      }
      throw new InvalidInputException(origin, "cannot be read as YAML: " + yamlError(e));
    }
  }

  /**
   * Merges {@code from} into {@code into} as an {@code extends} chain does: mappings field by field,
   * anything else replaced.
   */
  public static void merge(ObjectNode into, ObjectNode from) {
    from.fields().forEachRemaining(field -> {
      JsonNode existing = into.get(field.getKey());
      if (existing instanceof ObjectNode target && field.getValue() instanceof ObjectNode source) {
        merge(target, source);
      } else {
        into.set(field.getKey(), field.getValue());
      }
    });
  }

  /** Whether a read failed on bytes that are not UTF-8 (the YAML parser wraps the decoder's error). */
  public static boolean notUtf8(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.charset.CharacterCodingException || t instanceof java.io.CharConversionException) {
        return true;
      }
    }
    return false;
  }

  /** Parses a user's YAML file. */
  /**
   * The file {@code named} as a spec file {@code namingFile} names it: a relative path is taken from
   * the naming file's directory (as an {@code extends} or a file-valued field reads), an absolute
   * one as it is.
   */
  public static String besideFile(String namingFile, String named) {
    Path path = Path.of(named);
    Path directory = Path.of(namingFile).toAbsolutePath().getParent();
    return path.isAbsolute() || directory == null ? named : directory.resolve(path).normalize().toString();
  }

  public static SpecNode parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file.toString(), "no such file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot be read: " + e.getMessage());
    }
  }

  /** Reads {@code node} with {@code reader}, then refuses any key the reader did not ask for. */
  public static <T> T readAll(SpecNode node, java.util.function.Function<SpecNode, T> reader) {
    T value = reader.apply(node);
    node.requireNoUnknownKeys();
    return value;
  }

  /** The dotted path of a field of this node, as errors name it. */
  public String fieldPath(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /**
   * Refuses the first key, here or in any mapping read below, that the reader never asked for,
   * naming it by its dotted path and suggesting the nearest name that was asked for.
   */
  public void requireNoUnknownKeys() {
    java.util.Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!asked.contains(name)) {
        throw new InvalidInputException(fieldPath(name), "is not a known key" + suggestion(name));
      }
    }
    read.forEach(SpecNode::requireNoUnknownKeys);
  }

  private String suggestion(String name) {
    Optional<String> best = closest(name, asked);
    return best.isPresent() ? " (did you mean " + fieldPath(best.get()) + "?)" : asked.isEmpty() ? "" : " (known here: "
        + String.join(", ", asked) + ")";
  }

  /**
   * The candidate nearest {@code name} by edit distance (case ignored), where it is near enough to be
   * a misspelling: at most 2 edits, or a third of the name's length; empty otherwise.
   */
  public static Optional<String> closest(String name, java.util.Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** True when the field is present and not null. */
  public boolean has(String name) {
    asked.add(name);
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  /** Whether the field is present and a mapping (a recipe written inline, not named). */
  public boolean isMapping(String name) {
    return has(name) && node.get(name).isObject();
  }

  /** A required nested mapping. */
  public SpecNode child(String name) {
    JsonNode v = require(name);
    if (!v.isObject()) {
      throw new InvalidInputException(fieldPath(name), "must be a mapping");
    }
    for (SpecNode seen : read) {
      if (seen.path.equals(fieldPath(name))) {
        return seen; // one reader per mapping, so every field asked of it counts
      }
    }
    SpecNode child = new SpecNode(v, fieldPath(name));
    read.add(child);
    return child;
  }

  /** An optional nested mapping. */
  public Optional<SpecNode> optionalChild(String name) {
    return has(name) ? Optional.of(child(name)) : Optional.empty();
  }

  /** A required list of mappings. */
  public List<SpecNode> children(String name) {
    JsonNode v = require(name);
    if (!v.isArray()) {
      throw new InvalidInputException(fieldPath(name), "must be a list");
    }
    List<SpecNode> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      String p = fieldPath(name) + "[" + i + "]";
      if (!v.get(i).isObject()) {
        throw new InvalidInputException(p, "must be a mapping");
      }
      out.add(new SpecNode(v.get(i), p));
    }
    read.addAll(out);
    return out;
  }

  /** A required non-empty text field. */
  public String text(String name) {
    JsonNode v = require(name);
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw new InvalidInputException(fieldPath(name), "must be non-empty text");
    }
    return v.asText();
  }

  /** An optional text field. */
  public String text(String name, String fallback) {
    return has(name) ? text(name) : fallback;
  }

  /** A list of text values; absent means empty. */
  public List<String> texts(String name) {
    List<String> out = new ArrayList<>();
    if (!has(name)) {
      return out;
    }
    JsonNode v = node.get(name);
    if (!v.isArray()) {
      throw new InvalidInputException(fieldPath(name), "must be a list");
    }
    v.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** A required boolean. */
  public boolean bool(String name) {
    JsonNode v = require(name);
    if (!v.isBoolean()) {
      throw new InvalidInputException(fieldPath(name), "must be true or false");
    }
    return v.booleanValue();
  }

  /** A required number greater than zero; YAML 1.1 exponents without a dot ({@code 4e9}) are accepted. */
  public double positive(String name) {
    double v = number(name);
    if (!(v > 0)) {
      throw new InvalidInputException(fieldPath(name), "must be greater than zero, got " + v);
    }
    return v;
  }

  /** A required number that is zero or more. */
  public double nonNegative(String name) {
    double v = number(name);
    if (v < 0) {
      throw new InvalidInputException(fieldPath(name), "must not be negative, got " + v);
    }
    return v;
  }

  /** A required whole number greater than zero. */
  public int positiveInt(String name) {
    return wholeNumber(name, positive(name));
  }

  /** A required whole number that is zero or more. */
  public int nonNegativeInt(String name) {
    return wholeNumber(name, nonNegative(name));
  }

  /** An optional whole number that is zero or more. */
  public int nonNegativeInt(String name, int fallback) {
    return has(name) ? nonNegativeInt(name) : fallback;
  }

  /**
   * A required figure written as {@code {value: 132, source: "..."}}; the value must be positive, or
   * zero or more when {@code zeroAllowed}.
   */
  public Figure figure(String name, boolean zeroAllowed) {
    SpecNode f = child(name);
    double v = zeroAllowed ? f.nonNegative("value") : f.positive("value");
    return new Figure(v, f.text("source"));
  }

  /** Plain decimal notation, as YAML writes numbers: no "16d", no "Infinity", no non-ASCII digits. */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private double number(String name) {
    JsonNode v = require(name);
    double value;
    if (v.isNumber()) {
      value = v.doubleValue();
    } else {
      String text = v.isValueNode() ? v.asText().replace("_", "").strip() : "";
      if (!DECIMAL.matcher(text).matches()) {
        throw new InvalidInputException(fieldPath(name), "must be a number, got '" + v.asText() + "'");
      }
      value = Double.parseDouble(text);
    }
    if (!Double.isFinite(value)) {
      throw new InvalidInputException(fieldPath(name), "must be a finite number, got " + v.asText());
    }
    return value;
  }

  /** A required whole number that is zero or more and exact in a double (below 2^53): a seed, a count. */
  public long nonNegativeLong(String name) {
    double v = nonNegative(name);
    if (v != Math.rint(v) || v >= 0x1p53) {
      throw new InvalidInputException(fieldPath(name), "must be a whole number below 2^53, got " + v);
    }
    return (long) v;
  }

  private int wholeNumber(String name, double v) {
    if (v != Math.rint(v) || v > Integer.MAX_VALUE) {
      throw new InvalidInputException(fieldPath(name), "must be a whole number, got " + v);
    }
    return (int) v;
  }

  private JsonNode require(String name) {
    if (!has(name)) {
      throw new InvalidInputException(fieldPath(name), "is missing");
    }
    return node.get(name);
  }

  /** A YAML error as one line: the parser's reason and, where it knows it, the line and column. */
  public static String yamlError(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
        && p.getLocation().getLineNr() > 0) {
      return firstLine(p.getOriginalMessage()) + " (line " + p.getLocation().getLineNr() + ", column "
          + p.getLocation().getColumnNr() + ")";
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
