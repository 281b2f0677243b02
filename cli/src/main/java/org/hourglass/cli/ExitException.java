package org.hourglass.cli;

/** A failure with its own exit code and a one-line reason, such as "no GPU" (code 3). */
final class ExitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  ExitException(int code, String reason) {
    super(reason);
    this.code = code;
  }

  int code() {
    return code;
  }
}
