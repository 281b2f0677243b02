package org.hourglass.validation.reference;

import java.util.List;

/**
 * One published table Hourglass is checked against. Each implementation computes its predictions with
 * the simulator's own models (never from the published figures) and pairs them with the table's rows;
 * a table whose model is not written yet returns one pending comparison naming the module. Adding a
 * table is adding one implementation to {@link ValidationSuite#cases()}.
 */
public interface ReferenceCase {
  /** The table's name, e.g. "DualPipe bubble table". */
  String table();

  /** Where its figures come from. */
  String source();

  /** Its comparisons, in the table's order. */
  List<Comparison> compare();
}
