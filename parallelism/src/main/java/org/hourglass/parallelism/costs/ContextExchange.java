package org.hourglass.parallelism.costs;

import java.util.Arrays;
import java.util.Locale;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.AttentionKind;

/**
 * What a context-parallel group all-gathers before the attention core, so that each GPU's queries see
 * every key of the sequence. Llama 3 gathers the keys and values themselves and argues that this is
 * cheap because GQA's K and V are much smaller than Q (arXiv 2407.21783, 3.3.2). For MLA the keys and
 * values as the attention kernel reads them are as large as the queries; the tensor that keeps Llama
 * 3's premise is the compressed latent and the shared RoPE key (DeepSeek-V2 report, 2.1.2: the latent
 * is what MLA caches), from which every GPU rebuilds the keys and values with the up-projection.
 */
public enum ContextExchange {
  /** All-gather K and V as the attention kernel reads them (Llama 3, 3.3.2). */
  KEY_VALUE("key-value"),
  /** MLA only: all-gather the latent and RoPE key, rerun the key-value up-projection on every GPU. */
  LATENT("latent");

  private final String cliName;

  ContextExchange(String cliName) {
    this.cliName = cliName;
  }

  /** The name a scenario writes. */
  public String cliName() {
    return cliName;
  }

  /** This exchange for {@code model}, or a refusal naming {@code field} where it gathers a latent the attention lacks. */
  public ContextExchange requireApplies(Architecture model, String field) {
    if (this == LATENT && model.attention().kind() != AttentionKind.MLA) {
      throw new InvalidInputException(field, "latent needs MLA attention; " + model.name() + " has "
          + model.attention().kind().name() + " (use key-value)");
    }
    return this;
  }

  /** The exchange a scenario's {@code field} names, or one line naming the field and the choices. */
  public static ContextExchange parse(String field, String text) {
    for (ContextExchange e : values()) {
      if (e.cliName.equals(text.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw new InvalidInputException(field, "unknown context exchange '" + text + "'; expected one of "
        + String.join(", ", Arrays.stream(values()).map(ContextExchange::cliName).toList()));
  }
}
