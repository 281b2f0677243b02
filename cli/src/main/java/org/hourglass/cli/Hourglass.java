package org.hourglass.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hourglass} command: the root of every subcommand and the one place that maps failures to
 * exit codes (0 success, 1 internal failure, 2 bad usage or bad input, 3 no GPU for calibration).
 */
@Command(
    name = "hourglass",
    mixinStandardHelpOptions = true,
    versionProvider = Hourglass.Version.class,
    description = "Discrete-event cluster simulator and capacity planner for LLM training.",
    subcommands = {
      PlanCommand.class,
      SweepCommand.class,
      SearchCommand.class,
      ServeCommand.class,
      ScenarioCommand.class,
      ModelCommand.class,
      KvCacheCommand.class,
      MemoryCommand.class,
      HardwareCommand.class,
      ScheduleCommand.class,
      GemmCommand.class,
      AllToAllCommand.class,
      ValidateCommand.class,
      CalibrateCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class Hourglass implements Runnable {
  /** Exit code for bad usage or bad input. */
  public static final int EXIT_BAD_INPUT = 2;
  /** Exit code for an internal failure. */
  public static final int EXIT_INTERNAL = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true"); // charts render without a display
    // a thread that nobody waits on and that runs out of heap ends the run with the same one line
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (causedByOutOfMemory(e)) {
        sayOutOfMemoryOnce(null);
        Runtime.getRuntime().halt(EXIT_INTERNAL);
      }
      System.err.println("hourglass: internal error in " + thread.getName() + ": " + e);
      if (System.getenv("HOURGLASS_DEBUG") != null) {
        e.printStackTrace();
      }
    });
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code, without exiting the JVM. */
  public static int execute(String... args) {
    return execute(null, null, args);
  }

  /** As {@link #execute(String...)}, writing to {@code out} and {@code err} (null: the standard streams). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Hourglass());
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setParameterExceptionHandler(Hourglass::onBadUsage);
    cli.setExecutionExceptionHandler(Hourglass::onFailure);
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      return outOfMemory(cli.getErr());
    }
  }

  /**
   * The out-of-heap line, made before any run can fill the heap: when one does, the threads still
   * simulating beside the one that failed may keep it full, and the line must not need the heap.
   */
  private static final String OUT_OF_MEMORY = String.format("hourglass: out of memory: this run needs more than the JVM's"
      + " %,d MiB of heap; give it more, e.g. HOURGLASS_JAVA_OPTS='-XX:+UseSerialGC -Xmx16g' (the launcher's options:"
      + " cli/src/main/resources/jvm.options)%n", Runtime.getRuntime().maxMemory() >> 20);
  private static final byte[] OUT_OF_MEMORY_BYTES = OUT_OF_MEMORY.getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static boolean outOfMemorySaid;

  /** One line for a run that ran out of heap (on this thread, or on a worker whose error came back wrapped). */
  private static int outOfMemory(PrintWriter err) {
    sayOutOfMemoryOnce(err);
    return EXIT_INTERNAL;
  }

  /**
   * The out-of-heap line, once per run however many threads run out: the main thread and a worker
   * nobody waits on can both fail. A second caller waits until the first has written it, so a worker
   * that halts the JVM next cannot cut the main thread's line short.
   */
  private static synchronized void sayOutOfMemoryOnce(PrintWriter err) {
    if (outOfMemorySaid) {
      return;
    }
    outOfMemorySaid = true;
    if (err == null) {
      writeOutOfMemoryLine();
      return;
    }
    try {
      err.print(OUT_OF_MEMORY);
      err.flush();
    } catch (OutOfMemoryError stillFull) {
      writeOutOfMemoryLine();
    }
  }

  /** The out-of-heap line's bytes, straight to standard error's file descriptor: no heap needed. */
  private static void writeOutOfMemoryLine() {
    System.err.write(OUT_OF_MEMORY_BYTES, 0, OUT_OF_MEMORY_BYTES.length);
    System.err.flush();
  }

  private static boolean causedByOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    List<String> near = e instanceof CommandLine.UnmatchedArgumentException u ? u.getSuggestions() : List.of();
    err.println("hourglass: " + e.getMessage() + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)"));
    err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    return EXIT_BAD_INPUT;
  }

  private static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof InvalidInputException) {
      err.println("hourglass: " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    if (e instanceof ExitException exit) {
      err.println("hourglass: " + exit.getMessage());
      return exit.code();
    }
    if (causedByOutOfMemory(e)) {
      return outOfMemory(err);
    }
    err.println("hourglass: internal error: " + e);
    if (System.getenv("HOURGLASS_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("(set HOURGLASS_DEBUG=1 for the stack trace)");
    }
    return EXIT_INTERNAL;
  }

  /** Reads the version Maven wrote into the jar's resources. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties props = new Properties();
      try (InputStream in = Hourglass.class.getResourceAsStream("/hourglass-version.properties")) {
        if (in != null) {
          props.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"hourglass " + props.getProperty("version", "unknown")};
    }
  }
}
