package org.hourglass.workload;

import java.util.Locale;
import org.hourglass.sim.InvalidInputException;

/** How a layer attends: how many key/value heads it keeps, or whether it caches a compressed latent (MLA). */
public enum AttentionKind {
  /** Multi-head attention: one key/value head per query head. */
  MHA,
  /** Grouped-query attention: query heads share a smaller number of key/value heads. */
  GQA,
  /** Multi-query attention: all query heads share one key/value head. */
  MQA,
  /** Multi-head latent attention (DeepSeek-V2/V3): keys and values rebuilt from a cached low-rank latent. */
  MLA;

  /** Parses the YAML or command-line spelling. */
  public static AttentionKind parse(String text, String field) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "unknown attention kind '" + text + "' (mha, gqa, mqa, mla)");
    }
  }
}
