package org.hourglass.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass scenario}: the built-in scenarios, one as written or as it resolves, and a template to start from. */
@Command(name = "scenario", aliases = "scenarios", mixinStandardHelpOptions = true,
    description = "List the built-in scenarios, show one as written or resolved, or write an annotated template.",
    subcommands = {ScenarioCommand.ListCommand.class, ScenarioCommand.ShowCommand.class, ScenarioCommand.InitCommand.class})
final class ScenarioCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code scenario list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every built-in scenario: model, cluster, GPUs, description.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-28s %-16s %6s %-10s %s%n", "scenario", "model", "GPUs", "GPU", "description");
      for (String name : ScenarioLoader.builtInNames()) {
        Scenario s = ScenarioLoader.load(name);
        out.printf("%-28s %-16s %6d %-10s %s%n", name, s.model().name(), s.cluster().gpus(), s.cluster().gpu().name(),
            s.description());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code scenario show NAME [--resolved] [--set ...]}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "A scenario as written, or with --resolved as the planner reads it: extends merged, --set applied, checked.")
  static final class ShowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Built-in scenario or YAML file.")
    String scenario;

    @Option(names = "--resolved", description = "Show the effective scenario after extends and --set.")
    boolean resolved;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a field before resolving (repeatable; implies --resolved).")
    List<String> overrides = List.of();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.print(resolved || !overrides.isEmpty()
          ? ScenarioLoader.resolvedYaml(scenario, PlanCommand.parseOverrides(overrides)) : ScenarioLoader.text(scenario));
      out.flush();
      return 0;
    }
  }

  /** {@code scenario init [FILE]}. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Write an annotated template of every scenario key (to FILE, or to standard output); it plans as it is.")
  static final class InitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Where to write it; an existing file is not overwritten.")
    Path file;

    @Override
    public Integer call() {
      String template = ScenarioLoader.template();
      if (file == null) {
        spec.commandLine().getOut().print(template);
        spec.commandLine().getOut().flush();
        return 0;
      }
      if (Files.exists(file)) {
        throw new InvalidInputException("FILE", file + " exists; choose another name (nothing was overwritten)");
      }
      try {
        Files.writeString(file, template);
      } catch (IOException e) {
        throw new InvalidInputException("FILE", "cannot write " + file + ": " + e.getMessage());
      }
      spec.commandLine().getErr().printf("hourglass: wrote %s; plan it with: hourglass plan %s%n", file, file);
      spec.commandLine().getErr().flush();
      return 0;
    }
  }
}
