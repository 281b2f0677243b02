/**
 * The command line, the only module with a main: picocli subcommands that parse input, call the other modules and print text or JSON.
 * Exit codes: 0 success, 1 internal failure, 2 bad usage or bad input, 3 no GPU for calibration.
 */
package org.hourglass.cli;
