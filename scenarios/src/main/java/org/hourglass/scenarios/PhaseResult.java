package org.hourglass.scenarios;

import java.util.List;
import org.hourglass.parallelism.StepReport;

/**
 * GPU-hours of one training phase: its tokens, optimizer steps, the step time its representative
 * steps simulated (a token-weighted mean for the batch ramp), and the notes that qualify it.
 */
public record PhaseResult(String name, double tokens, double steps, double stepSeconds, double gpuHours,
    List<StepReport> representativeSteps, List<String> notes) {
  public PhaseResult {
    representativeSteps = List.copyOf(representativeSteps);
    notes = List.copyOf(notes);
  }
}
