package org.hourglass.validation.reference;

import java.util.List;

/**
 * A published table whose predictions come from a module still being written: listed as
 * "pending: module" so the report shows what is not yet checked, instead of a made-up number.
 */
public record PendingCase(String table, String module, String source) implements ReferenceCase {
  @Override
  public List<Comparison> compare() {
    return List.of(Comparison.pending(table, module, source));
  }
}
