package org.hourglass.scenarios;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.hardware.SpecNode;
import org.hourglass.serving.DeploymentUnit;
import org.hourglass.serving.ServingJob;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.DType;
import org.hourglass.workload.ModelCatalog;

/**
 * Reads a serving scenario ({@code hourglass serve}): model, cluster, KV cache, the prefill and
 * decode units, traffic and service levels, price. Checked as strictly as a training scenario, with
 * the same {@code extends} and {@code --set}.
 */
public final class ServingScenarioLoader {
  /** The built-in serving scenario {@code serve} plans by default. */
  public static final String DEFAULT = "deepseek-v3-serving-h800";

  private ServingScenarioLoader() {}

  /** A loaded serving scenario: its name, description, the job and the hash of its effective text. */
  public record ServingScenario(String name, String description, ServingJob job, String sha256) {}

  public static ServingScenario load(String nameOrFile, Map<String, String> overrides) {
    Map.Entry<String, String> effective = ScenarioLoader.effective(nameOrFile, overrides);
    SpecNode root = SpecNode.parse(new ByteArrayInputStream(effective.getKey().getBytes(StandardCharsets.UTF_8)), nameOrFile);
    return SpecNode.readAll(root, n -> build(n, effective.getValue()));
  }

  private static ServingScenario build(SpecNode n, String sha) {
    Architecture model = ModelCatalog.model(n.text("model"));
    if (model.moe().isEmpty()) {
      throw new InvalidInputException(n.fieldPath("model"), model.name() + " is dense; the serving planner models MoE deployment units");
    }
    ClusterFigures cluster = ClusterFigures.read(n.child("cluster"), HardwareCatalog.builtIn());
    SpecNode kv = n.child("kvCache");
    DType dtype = DType.parse(kv.text("dtype"), kv.fieldPath("dtype"));
    String size = kv.text("sizeAs").toLowerCase(Locale.ROOT);
    AttentionKind kind = switch (size) {
      case "as-built" -> AttentionKind.MLA;
      case "mha" -> AttentionKind.MHA;
      case "gqa8" -> AttentionKind.GQA;
      case "mqa" -> AttentionKind.MQA;
      default -> throw new InvalidInputException(kv.fieldPath("sizeAs"), "must be as-built, mha, gqa8 or mqa, got '" + size + "'");
    };
    int routed = model.moe().get().routedExperts();
    SpecNode p = n.child("prefill");
    DeploymentUnit prefill = unit(p, routed, "prefill");
    DeploymentUnit decode = unit(n.child("decode"), routed, "decode");
    SpecNode t = n.child("traffic");
    double hit = t.nonNegative("cacheHitRate");
    if (hit >= 1) {
      throw new InvalidInputException(t.fieldPath("cacheHitRate"), "must be below 1, got " + hit);
    }
    ServingJob.Traffic traffic = new ServingJob.Traffic(t.positive("inputTokensPerDay"), t.positive("outputTokensPerDay"),
        t.positive("promptTokens"), t.positive("meanDecodeContext"), hit, t.text("source"));
    SpecNode sl = n.child("serviceLevels");
    ServingJob.ServiceLevels levels = new ServingJob.ServiceLevels(sl.positive("tokensPerSecondPerUser"), sl.positive("ttftSeconds"),
        sl.text("source"));
    double price = n.has("price") ? n.child("price").positive("usdPerGpuHour") : cluster.gpu().rentalUsdPerGpuHour().value();
    String priceSource = n.has("price") ? n.child("price").text("source")
        : "catalog price of " + cluster.gpu().name() + ": " + cluster.gpu().rentalUsdPerGpuHour().source();
    ServingJob job = new ServingJob(model, cluster, dtype, kind, kind == AttentionKind.GQA ? 8 : 0, prefill,
        p.positiveInt("tokensPerGpu"), decode, traffic, levels, price, priceSource);
    return new ServingScenario(n.text("name"), n.text("description", ""), job, sha);
  }

  private static DeploymentUnit unit(SpecNode u, int routedExperts, String field) {
    DeploymentUnit unit = new DeploymentUnit(u.positiveInt("gpus"), u.positiveInt("attentionTp"), u.positiveInt("ep"),
        u.positiveInt("routedExpertsPerGpu"), u.nonNegativeInt("sharedExpertsPerGpu"));
    unit.check(routedExperts, field);
    return unit;
  }

  /** Built-in serving scenario names. */
  public static List<String> builtInNames() {
    return ScenarioLoader.servingNames();
  }
}
