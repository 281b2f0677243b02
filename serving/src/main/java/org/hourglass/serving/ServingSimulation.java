package org.hourglass.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.hourglass.sim.RandomStreams;
import org.hourglass.sim.SimTime;
import org.hourglass.sim.Simulation;

/**
 * Serving on the engine: requests arrive (seeded Poisson), wait for a prefill GPU (which takes
 * prompts first come first served until their uncached tokens fill its step), then for a decode GPU with room (its batch below the service-level
 * batch and KV free for the prompt and all its output), are decoded with continuous batching (every
 * step of a GPU makes one token for each of its sequences, the step priced by {@link DecodeStep} at
 * the batch's mean context), and free their KV cache when done. Prompt and output lengths are
 * exponential around the traffic's means (an assumption: no distribution is published).
 *
 * <p>A slice of the fleet is simulated: {@code decodeGpus} decode GPUs and {@code prefillGpus}
 * prefill GPUs, with the arrivals of the same share of the day's traffic.
 */
public final class ServingSimulation {
  /**
   * Requests finished, time to first token and time per output token of each, and what the pools did;
   * {@code kvOccupancy} (fraction of the decode pool's KV cache held) and {@code prefillBacklog}
   * (prompts waiting for a prefill GPU) are sampled every {@code sampleSeconds} of the
   * {@code simulatedSeconds}.
   */
  public record Result(int prefillGpus, int arrived, int finished, double[] ttftSeconds, double[] tpotSeconds,
      double inputTokensPerSecondPerPrefillGpu, double outputTokensPerSecondPerDecodeGpu, double meanInSystem, double meanSecondsInSystem, double arrivalsPerSecond,
      double[] kvOccupancy, double[] prefillBacklog, double sampleSeconds, double simulatedSeconds, long events) {
    /**
     * Whether the prefill queue was still growing at the end: its mean over the run's last quarter
     * is more than twice that over the second quarter and above one prompt per prefill slot. A
     * growing queue means the prefill pool is short of the arrivals, so the run has no steady state
     * and its TTFT percentiles grow with the run's length.
     */
    public boolean prefillQueueGrowing() {
      int n = prefillBacklog.length;
      if (n < 8) {
        return false;
      }
      double second = Arrays.stream(prefillBacklog, n / 4, n / 2).average().orElse(0);
      double last = Arrays.stream(prefillBacklog, 3 * n / 4, n).average().orElse(0);
      return last > 2 * second && last > prefillGpus;
    }

    /** The {@code q}-quantile (0..1) of {@code values}, nearest rank; NaN when empty. */
    public static double quantile(double[] values, double q) {
      if (values.length == 0) {
        return Double.NaN;
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int rank = Math.max(1, (int) Math.ceil(q * sorted.length));
      return sorted[Math.min(sorted.length, rank) - 1];
    }
  }

  private final ServingJob job;
  private final DecodeStep decodeStep;
  private final PrefillStep prefillStep;
  private final long batchLimit;
  private final double kvBytesPerGpu;

  /** {@code batchLimit} caps a decode GPU's batch (the closed form's service-level batch). */
  public ServingSimulation(ServingJob job, PrefillStep prefillStep, long batchLimit) {
    this.job = job;
    this.decodeStep = new DecodeStep(job.model(), job.cluster().gpu(), job.decode(), job.kvBytesPerToken());
    this.prefillStep = prefillStep;
    this.batchLimit = Math.max(1, batchLimit);
    this.kvBytesPerGpu = ServingMemory.of(job.model(), job.cluster().gpu(), job.decode(), job.kvBytesPerToken()).kvBytes();
  }

  /** Simulates {@code seconds} of traffic at {@code arrivalsPerSecond} on the given GPUs; requests still running at the end are not counted as finished. */
  public Result run(int prefillGpus, int decodeGpus, double arrivalsPerSecond, double seconds, long seed) {
    return new Run(prefillGpus, decodeGpus, arrivalsPerSecond, seconds, seed, null).go();
  }

  /** One request of a trace: when it arrives and its prompt and output lengths. */
  public record Arrival(double seconds, long promptTokens, long outputTokens) {}

  /** Replays {@code trace} (arrivals in time order) on the given GPUs for {@code seconds}. */
  public Result replay(int prefillGpus, int decodeGpus, List<Arrival> trace, double seconds) {
    double rate = trace.isEmpty() ? 0 : trace.size() / Math.max(seconds, trace.get(trace.size() - 1).seconds());
    return new Run(prefillGpus, decodeGpus, rate, seconds, 0, trace).go();
  }

  /** The arrivals per second that carry {@code decodeGpus}' share of the day's output tokens. */
  public double arrivalsFor(int decodeGpus, int fleetDecodeGpus) {
    double requestsPerDay = job.traffic().inputTokensPerDay() / job.traffic().promptTokens();
    return requestsPerDay / 86_400 * decodeGpus / fleetDecodeGpus;
  }

  private final class Run {
    private final Simulation sim = new Simulation();
    private final SplittableRandom arrivals;
    private final SplittableRandom lengths;
    private final double rate;
    private final long endPs;
    private final double meanOutput;
    private final ArrayDeque<Request> prefillQueue = new ArrayDeque<>();
    private final ArrayDeque<Request> decodeQueue = new ArrayDeque<>();
    private int idlePrefill;
    private final Gpu[] decode;
    private final List<Double> ttft = new ArrayList<>();
    private final List<Double> tpot = new ArrayList<>();
    private final List<Double> kv = new ArrayList<>();
    private final List<Double> backlog = new ArrayList<>();
    private int arrived;
    private int finished;
    private double inputTokens;
    private double outputTokens;
    private double inSystemIntegral;
    private long lastChangePs;
    private int inSystem;
    private double secondsInSystem;
    private final int prefillGpus;

    private final List<Arrival> trace;
    private int next;

    Run(int prefillGpus, int decodeGpus, double rate, double seconds, long seed, List<Arrival> trace) {
      this.trace = trace;
      RandomStreams streams = new RandomStreams(seed);
      this.arrivals = streams.stream("serving/arrivals");
      this.lengths = streams.stream("serving/lengths");
      this.rate = rate;
      this.endPs = SimTime.fromSeconds(seconds);
      this.prefillGpus = prefillGpus;
      this.idlePrefill = prefillGpus;
      this.meanOutput = job.traffic().outputTokensPerDay() / (job.traffic().inputTokensPerDay() / job.traffic().promptTokens());
      this.decode = new Gpu[decodeGpus];
      for (int i = 0; i < decodeGpus; i++) {
        decode[i] = new Gpu();
      }
    }

    Result go() {
      if (trace == null) {
        sim.schedule(delay(), this::arrive);
      } else if (!trace.isEmpty()) {
        sim.scheduleAt(SimTime.fromSeconds(trace.get(0).seconds()), this::replayed, 0);
      }
      long sample = SimTime.fromSeconds(sampleSeconds());
      sim.schedule(sample, new Sampler(sample));
      sim.runUntil(endPs);
      track();
      double seconds = SimTime.toSeconds(endPs);
      return new Result(prefillGpus, arrived, finished, ttft.stream().mapToDouble(Double::doubleValue).toArray(),
          tpot.stream().mapToDouble(Double::doubleValue).toArray(), inputTokens / seconds / prefillGpus,
          outputTokens / seconds / decode.length, inSystemIntegral / seconds, finished == 0 ? Double.NaN : secondsInSystem / finished,
          rate, kv.stream().mapToDouble(Double::doubleValue).toArray(), backlog.stream().mapToDouble(Double::doubleValue).toArray(),
          sampleSeconds(), seconds, sim.eventsFired());
    }

    private double sampleSeconds() {
      return Math.max(0.1, SimTime.toSeconds(endPs) / 200);
    }

    private long delay() {
      return Math.max(1, SimTime.fromSeconds(RandomStreams.exponential(arrivals, 1 / rate)));
    }

    private void arrive(long unused) {
      long prompt = Math.max(1, Math.round(RandomStreams.exponential(lengths, job.traffic().promptTokens())));
      long output = Math.max(1, Math.round(RandomStreams.exponential(lengths, meanOutput)));
      enter(prompt, output);
      sim.schedule(delay(), this::arrive);
    }

    private void replayed(long unused) {
      Arrival a = trace.get(next++);
      enter(a.promptTokens(), a.outputTokens());
      if (next < trace.size()) {
        sim.scheduleAt(Math.max(sim.nowPs(), SimTime.fromSeconds(trace.get(next).seconds())), this::replayed, 0);
      }
    }

    private void enter(long prompt, long output) {
      track();
      arrived++;
      inSystem++;
      prefillQueue.add(new Request(sim.nowPs(), prompt, output));
      startPrefills();
    }

    /** An idle prefill GPU takes prompts in arrival order until their uncached tokens fill its step (at least one prompt). */
    private void startPrefills() {
      while (idlePrefill > 0 && !prefillQueue.isEmpty()) {
        List<Request> batch = new ArrayList<>();
        long missed = 0;
        double promptSum = 0;
        while (!prefillQueue.isEmpty() && (batch.isEmpty() || missed + missed(prefillQueue.peek()) <= job.prefillTokensPerGpu())) {
          Request r = prefillQueue.poll();
          batch.add(r);
          missed += missed(r);
          promptSum += r.prompt;
        }
        idlePrefill--;
        double seconds = prefillStep.seconds(missed, promptSum / batch.size());
        sim.schedule(SimTime.fromSeconds(seconds), payload -> prefilled(batch));
      }
    }

    private long missed(Request r) {
      return Math.max(1, Math.round(r.prompt * (1 - job.traffic().cacheHitRate())));
    }

    private void prefilled(List<Request> batch) {
      idlePrefill++;
      for (Request r : batch) {
        inputTokens += r.prompt;
        r.firstTokenPs = sim.nowPs();
        ttft.add(SimTime.toSeconds(r.firstTokenPs - r.arrivalPs));
        decodeQueue.add(r);
      }
      admit();
      startPrefills();
    }

    private void admit() {
      while (!decodeQueue.isEmpty()) {
        Request r = decodeQueue.peek();
        Gpu best = null;
        for (Gpu g : decode) {
          if (g.fits(r) && (best == null || g.active.size() < best.active.size())) {
            best = g;
          }
        }
        if (best == null) {
          return;
        }
        decodeQueue.poll();
        best.join(r);
      }
    }

    private void track() {
      inSystemIntegral += inSystem * SimTime.toSeconds(sim.nowPs() - lastChangePs);
      lastChangePs = sim.nowPs();
    }

    /** One decode GPU: its batch (by the step each sequence ends at), KV held, and the sums that give the batch's mean context. */
    private final class Gpu {
      final PriorityQueue<Request> active = new PriorityQueue<>((a, b) -> Long.compare(a.endStep, b.endStep));
      long step;
      double kvHeld;
      double promptSum;
      double joinSum;
      boolean stepping;

      boolean fits(Request r) {
        return active.size() < batchLimit && kvHeld + (r.prompt + r.output) * job.kvBytesPerToken() <= kvBytesPerGpu;
      }

      void join(Request r) {
        r.endStep = step + r.output;
        r.joinStep = step;
        active.add(r);
        kvHeld += (r.prompt + r.output) * job.kvBytesPerToken();
        promptSum += r.prompt;
        joinSum += r.joinStep;
        if (!stepping) {
          stepping = true;
          scheduleStep();
        }
      }

      void scheduleStep() {
        int batch = active.size();
        double meanContext = (promptSum - joinSum + (double) batch * step) / batch;
        sim.schedule(SimTime.fromSeconds(decodeStep.seconds(batch, Math.max(1, meanContext))), payload -> stepDone());
      }

      void stepDone() {
        step++;
        outputTokens += active.size();
        while (!active.isEmpty() && active.peek().endStep <= step) {
          Request r = active.poll();
          kvHeld -= (r.prompt + r.output) * job.kvBytesPerToken();
          promptSum -= r.prompt;
          joinSum -= r.joinStep;
          track();
          inSystem--;
          finished++;
          secondsInSystem += SimTime.toSeconds(sim.nowPs() - r.arrivalPs);
          tpot.add(SimTime.toSeconds(sim.nowPs() - r.firstTokenPs) / r.output);
        }
        admit();
        if (active.isEmpty()) {
          stepping = false;
        } else {
          scheduleStep();
        }
      }
    }

    private final class Sampler implements org.hourglass.sim.EventHandler {
      private final long every;

      Sampler(long every) {
        this.every = every;
      }

      @Override
      public void onEvent(long payload) {
        double held = 0;
        for (Gpu g : decode) {
          held += g.kvHeld;
        }
        kv.add(held / (kvBytesPerGpu * decode.length));
        backlog.add((double) prefillQueue.size());
        sim.schedule(every, this);
      }
    }
  }

  private static final class Request {
    final long arrivalPs;
    final long prompt;
    final long output;
    long firstTokenPs;
    long endStep;
    long joinStep;

    Request(long arrivalPs, long prompt, long output) {
      this.arrivalPs = arrivalPs;
      this.prompt = prompt;
      this.output = output;
    }
  }
}
