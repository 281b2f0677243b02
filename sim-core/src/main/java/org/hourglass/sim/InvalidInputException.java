package org.hourglass.sim;

/**
 * Bad input from a user: a scenario field, a command-line value or a layout that cannot work.
 * It names the field and the reason, so the CLI can print one line and exit with code 2.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  /**
   * @param field the offending field, as the user wrote it (for example {@code plan.pp} or {@code --context})
   * @param reason why it is refused, phrased for the user
   */
  public InvalidInputException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** Why it is refused, without the field. */
  public String reason() {
    return reason;
  }

  /** The offending field, as the user wrote it. */
  public String field() {
    return field;
  }
}
