package org.hourglass.serving;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.parallelism.costs.ComputeCosts;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.DType;

/**
 * The capacity answer of a serving job: the largest decode batch per GPU that both fits its KV cache
 * and keeps each user at the service level, the throughput per GPU and node of both pools, the fewest
 * whole units of each that carry the day's average traffic, and what that costs per day and per
 * million tokens. Closed form: queueing and the traffic's daily swing are not modelled (a pool sized
 * for the average is too small at the peak; Day 6 ran 278 nodes at peak against 226.75 on average).
 */
public final class ServingPlanner {
  private final ComputeCosts compute;

  /** {@code compute} prices the prefill GEMMs and attention (the training cost models). */
  public ServingPlanner(ComputeCosts compute) {
    this.compute = compute;
  }

  /** Decode at one KV configuration: memory, the batch and what limited it, the step, per-user speed and throughput. */
  public record Decode(String kv, double kvBytesPerToken, ServingMemory memory, long batch, String limitedBy, double stepSeconds,
      double tokensPerSecondPerUser, double tokensPerSecondPerGpu, double tokensPerSecondPerNode, int units, int nodes,
      double usdPerMillionOutputTokens) {}

  /** The whole plan: both pools, their cost, and the decode what-ifs side by side (the job's own first). */
  public record Plan(ServingJob job, Decode decode, double prefillTokensPerSecondPerGpu, double prefillInputTokensPerSecondPerNode,
      double ttftSeconds, int prefillUnits, int prefillNodes, double gpuHoursPerDay, double usdPerDay,
      double usdPerMillionInputTokens, List<Decode> whatIfs) {
    public int nodes() {
      return prefillNodes + decode.nodes();
    }
  }

  public Plan plan(ServingJob job) {
    Decode decode = decode(job, "as configured");
    PrefillStep prefill = new PrefillStep(job.model(), job.cluster(), job.prefill(), compute);
    double perGpu = prefill.tokensPerSecond(job.prefillTokensPerGpu(), job.traffic().promptTokens());
    double ttft = prefill.seconds(Math.max(1, Math.round(job.traffic().promptTokens())), job.traffic().promptTokens());
    if (ttft > job.serviceLevels().ttftSeconds()) {
      throw new InvalidInputException("serviceLevels.ttftSeconds", String.format("one %.0f-token prompt takes %.2f s to prefill"
          + " on one GPU, above the %.2f s asked", job.traffic().promptTokens(), ttft, job.serviceLevels().ttftSeconds()));
    }
    int perNode = job.cluster().gpusPerNode();
    double missPerSecond = job.traffic().inputTokensPerDay() * (1 - job.traffic().cacheHitRate()) / 86_400;
    int prefillUnits = units(missPerSecond, perGpu * job.prefill().gpus());
    int prefillGpus = prefillUnits * job.prefill().gpus();
    double usdPerGpuDay = 24 * job.usdPerGpuHour();
    int gpus = prefillGpus + decode.units() * job.decode().gpus();
    List<Decode> whatIfs = new ArrayList<>();
    whatIfs.add(decode);
    whatIfs.add(decode(job.withKv(AttentionKind.MHA, 0, job.kvDtype()), "MHA-sized KV"));
    whatIfs.add(decode(job.withKv(AttentionKind.GQA, 8, job.kvDtype()), "GQA-8-sized KV"));
    whatIfs.add(decode(job.withKv(AttentionKind.MQA, 0, job.kvDtype()), "MQA-sized KV"));
    DType other = job.kvDtype() == DType.BF16 ? DType.FP8 : DType.BF16;
    whatIfs.add(decode(job.withKv(job.kvAttention(), job.kvGroups(), other), other.name() + " KV"));
    return new Plan(job, decode, perGpu, perGpu * perNode / (1 - job.traffic().cacheHitRate()), ttft, prefillUnits,
        prefillGpus / perNode, gpus * 24.0, gpus * usdPerGpuDay,
        prefillGpus * usdPerGpuDay / job.traffic().inputTokensPerDay() * 1e6, whatIfs);
  }

  /** Decode of {@code job}: the batch is the least of what fits and what keeps the service level. */
  public Decode decode(ServingJob job, String label) {
    double kvPerToken = job.kvBytesPerToken();
    ServingMemory memory = ServingMemory.of(job.model(), job.cluster().gpu(), job.decode(), kvPerToken);
    if (memory.kvBytes() <= 0) {
      throw new InvalidInputException("decode.routedExpertsPerGpu", String.format("the weights of one decode GPU (%.1f GiB) do not"
          + " fit in %.1f GiB of HBM with %.0f%% held back", memory.weightBytes() / (1L << 30), memory.hbmBytes() / (1L << 30),
          100 * ServingMemory.RESERVED_FRACTION));
    }
    double context = job.traffic().meanDecodeContext();
    DecodeStep step = new DecodeStep(job.model(), job.cluster().gpu(), job.decode(), kvPerToken);
    long fits = memory.sequencesThatFit(context);
    double budget = 1 / job.serviceLevels().tokensPerSecondPerUser();
    long meets = largestMeeting(step, context, budget, Math.max(fits, 1));
    long batch = Math.min(fits, meets);
    if (batch < 1) {
      return new Decode(label, kvPerToken, memory, 0, fits < 1 ? "memory: not one sequence fits" : "service level: not met at batch 1",
          Double.NaN, Double.NaN, 0, 0, 0, 0, Double.NaN);
    }
    double seconds = step.seconds(batch, context);
    double perGpu = batch / seconds / job.decode().attentionTp();
    double perNode = perGpu * job.cluster().gpusPerNode();
    double outPerSecond = job.traffic().outputTokensPerDay() / 86_400;
    int units = units(outPerSecond, perGpu * job.decode().gpus());
    int gpus = units * job.decode().gpus();
    return new Decode(label, kvPerToken, memory, batch, fits <= meets ? "KV cache" : "service level", seconds, 1 / seconds, perGpu,
        perNode, units, gpus / job.cluster().gpusPerNode(), gpus * 24 * job.usdPerGpuHour() / job.traffic().outputTokensPerDay() * 1e6);
  }

  /** The largest batch up to {@code limit} whose step stays within {@code budget} seconds (0 if none); the step grows with the batch. */
  static long largestMeeting(DecodeStep step, double context, double budget, long limit) {
    if (step.seconds(1, context) > budget) {
      return 0;
    }
    long low = 1;
    long high = limit;
    while (low < high) {
      long mid = (low + high + 1) >>> 1;
      if (step.seconds(mid, context) <= budget) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  private static int units(double tokensPerSecond, double perUnit) {
    return (int) Math.max(1, Math.ceil(tokensPerSecond / perUnit));
  }
}
