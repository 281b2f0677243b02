package org.hourglass.sim;

import java.util.Arrays;

/**
 * A flow-level network on a {@link Simulation}: flows cross paths of links and share each link's
 * bytes per second by max-min fairness ({@link MaxMinFairShare}). Rates are recomputed whenever a
 * flow starts sharing or leaves; all such changes at one instant trigger a single recompute, run as
 * a zero-delay event after the events already due then. Each flow completes at its own event, at
 * its exact finishing time rounded up to the next picosecond.
 *
 * <p>Latency: a flow first waits the sum of its links' latencies, using no bandwidth, then shares
 * bandwidth until its bytes are through (as in SimGrid's flow model); so a lone flow takes
 * {@code latency + bytes / bottleneck capacity}. Tolerance: the last {@link #DRIFT_TOLERANCE} of
 * each flow's bytes counts as delivered, which absorbs floating-point residue of the byte
 * accounting. Rates read between a change and that instant's recompute are the previous ones.
 *
 * <p>Why one class: it is the flows' life cycle on the engine (start, latency, share, complete,
 * cancel) and the per-link byte accounting that cycle updates; the flow records live in
 * {@link FlowTable} and the rate solver in {@link MaxMinFairShare}, so what remains is one job.
 */
public final class FlowNetwork {
  /**
   * Fraction of a flow's bytes below which its remainder counts as delivered. Each rate change
   * subtracts {@code rate * elapsed} once, with a relative rounding error near 1e-16; ten thousand
   * changes stay below 1e-12. Completion comes at most this fraction of the flow's duration early.
   */
  public static final double DRIFT_TOLERANCE = 1e-12;

  private final Simulation simulation;
  private final FlowTable flows = new FlowTable();
  private final MaxMinFairShare fairShare = new MaxMinFairShare();
  private final EventHandler activation = this::activate;
  private final EventHandler completion = this::complete;
  private final EventHandler recomputation = ignored -> recompute();

  private String[] linkNames = new String[16];
  private double[] capacityBytesPerSecond = new double[16];
  private long[] latencyPs = new long[16];
  private double[] bytesCarried = new double[16]; // by link, up to lastAdvancePs
  private int linkCount;

  private int[][] sharingPaths = new int[16][]; // scratch for the solver, by position in the sharing set
  private double[] sharingRates = new double[16];
  private long lastAdvancePs;
  private boolean recomputePending;
  private long recomputes;
  private long flowsCompleted;
  private double bytesDelivered;

  public FlowNetwork(Simulation simulation) {
    this.simulation = simulation;
    this.lastAdvancePs = simulation.nowPs();
  }

  /** Adds a link with no latency; returns its index. */
  public int addLink(String name, double bytesPerSecond) {
    return addLink(name, bytesPerSecond, 0L);
  }

  /** Adds a link of {@code bytesPerSecond} whose {@code latencyPs} each crossing flow waits once; returns its index. */
  public int addLink(String name, double bytesPerSecond, long latencyPs) {
    if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
      throw new IllegalArgumentException("link " + name + ": capacity must be positive and finite: " + bytesPerSecond);
    }
    if (latencyPs < 0) {
      throw new IllegalArgumentException("link " + name + ": negative latency: " + latencyPs + " ps");
    }
    if (linkCount == linkNames.length) {
      growLinks(2 * linkCount);
    }
    linkNames[linkCount] = name;
    capacityBytesPerSecond[linkCount] = bytesPerSecond;
    this.latencyPs[linkCount] = latencyPs;
    return linkCount++;
  }

  private void growLinks(int size) {
    linkNames = Arrays.copyOf(linkNames, size);
    capacityBytesPerSecond = Arrays.copyOf(capacityBytesPerSecond, size);
    latencyPs = Arrays.copyOf(latencyPs, size);
    bytesCarried = Arrays.copyOf(bytesCarried, size);
  }

  /**
   * Starts a flow of {@code bytes} over the links of {@code path} (copied; each link at most once);
   * when its last byte is through, {@code onDone} runs with {@code payload}. Returns the flow's id.
   *
   * @throws IllegalArgumentException for an empty path, an unknown or repeated link, or negative bytes
   */
  public long startFlow(int[] path, double bytes, EventHandler onDone, long payload) {
    checkPath(path);
    if (!(bytes >= 0) || Double.isInfinite(bytes)) {
      throw new IllegalArgumentException("flow bytes must be finite and not negative: " + bytes);
    }
    if (onDone == null) {
      throw new IllegalArgumentException("a flow needs a completion handler");
    }
    int slot = flows.allocate(path.clone(), bytes, onDone, payload);
    long latency = pathLatencyPs(path);
    if (bytes == 0 || latency > 0) {
      flows.pendingEvent[slot] = simulation.schedule(latency, bytes == 0 ? completion : activation, slot);
    } else {
      activate(slot);
    }
    return flows.idBySlot[slot];
  }

  private void checkPath(int[] path) {
    if (path == null || path.length == 0) {
      throw new IllegalArgumentException("a flow needs a path of at least one link");
    }
    for (int hop = 0; hop < path.length; hop++) {
      if (path[hop] < 0 || path[hop] >= linkCount) {
        throw new IllegalArgumentException("no link " + path[hop] + " (links: " + linkCount + ")");
      }
      for (int earlier = 0; earlier < hop; earlier++) {
        if (path[earlier] == path[hop]) {
          throw new IllegalArgumentException("path crosses link " + linkNames[path[hop]] + " twice");
        }
      }
    }
  }

  private long pathLatencyPs(int[] path) {
    long total = 0;
    for (int link : path) {
      total += latencyPs[link];
    }
    return total;
  }

  /** Cancels a flow in flight; its handler never runs. Returns false if it already completed or was cancelled. */
  public boolean cancelFlow(long flowId) {
    int slot = flows.slotOf(flowId);
    if (slot < 0) {
      return false;
    }
    advanceTo(simulation.nowPs());
    if (flows.pendingEvent[slot] != FlowTable.NO_EVENT) {
      simulation.cancel(flows.pendingEvent[slot]);
    }
    if (flows.isActive(slot)) {
      requestRecompute();
    }
    flows.free(slot);
    return true;
  }

  /** The flow leaves its latency phase and starts sharing bandwidth. */
  private void activate(long slotId) {
    int slot = (int) slotId;
    advanceTo(simulation.nowPs());
    flows.pendingEvent[slot] = FlowTable.NO_EVENT;
    flows.activate(slot);
    requestRecompute();
  }

  /** The flow's last byte is through: credit what is left of it, free it, and run its handler. */
  private void complete(long slotId) {
    int slot = (int) slotId;
    advanceTo(simulation.nowPs());
    if (flows.isActive(slot)) {
      carry(flows.pathBySlot[slot], flows.remainingBytes[slot]);
      requestRecompute();
    }
    EventHandler done = flows.onDone[slot];
    long payload = flows.payload[slot];
    bytesDelivered += flows.bytes[slot];
    flowsCompleted++;
    flows.free(slot);
    done.onEvent(payload);
  }

  private void requestRecompute() {
    if (!recomputePending) {
      recomputePending = true;
      simulation.schedule(0L, recomputation, 0L);
    }
  }

  /** Moves every sharing flow's bytes forward to {@code nowPs} at its current rate. */
  private void advanceTo(long nowPs) {
    long elapsedPs = nowPs - lastAdvancePs;
    lastAdvancePs = nowPs;
    if (elapsedPs == 0) {
      return;
    }
    for (int position = 0; position < flows.activeCount; position++) {
      int slot = flows.activeSlots[position];
      double moved = bytesMoved(slot, elapsedPs);
      flows.remainingBytes[slot] -= moved;
      carry(flows.pathBySlot[slot], moved);
    }
  }

  private double bytesMoved(int slot, long elapsedPs) {
    double atRate = flows.rateBytesPerSecond[slot] * elapsedPs / SimTime.PS_PER_S;
    return Math.min(flows.remainingBytes[slot], atRate);
  }

  private void carry(int[] path, double bytes) {
    for (int link : path) {
      bytesCarried[link] += bytes;
    }
  }

  /** Solves the max-min fair rates of the sharing flows and reschedules those whose rate changed. */
  private void recompute() {
    recomputePending = false;
    recomputes++;
    advanceTo(simulation.nowPs());
    int count = flows.activeCount;
    if (sharingPaths.length < count) {
      sharingPaths = new int[Math.max(count, 2 * sharingPaths.length)][];
      sharingRates = new double[sharingPaths.length];
    }
    for (int position = 0; position < count; position++) {
      sharingPaths[position] = flows.pathBySlot[flows.activeSlots[position]];
    }
    fairShare.solve(count, sharingPaths, capacityBytesPerSecond, linkCount, sharingRates);
    for (int position = 0; position < count; position++) {
      updateRate(flows.activeSlots[position], sharingRates[position]);
    }
  }

  private void updateRate(int slot, double rateBytesPerSecond) {
    if (rateBytesPerSecond == flows.rateBytesPerSecond[slot] && flows.pendingEvent[slot] != FlowTable.NO_EVENT) {
      return;
    }
    flows.rateBytesPerSecond[slot] = rateBytesPerSecond;
    if (flows.pendingEvent[slot] != FlowTable.NO_EVENT) {
      simulation.cancel(flows.pendingEvent[slot]);
    }
    flows.pendingEvent[slot] = simulation.schedule(completionDelayPs(slot), completion, slot);
  }

  /** Picoseconds until the flow's bytes, less the drift tolerance, are through at its rate, rounded up. */
  private long completionDelayPs(int slot) {
    double left = flows.remainingBytes[slot] - DRIFT_TOLERANCE * flows.bytes[slot];
    if (left <= 0) {
      return 0L;
    }
    double delayPs = Math.ceil(left * SimTime.PS_PER_S / flows.rateBytesPerSecond[slot]);
    if (!(delayPs < Long.MAX_VALUE - simulation.nowPs())) {
      throw new IllegalStateException("flow would not finish within the representable time");
    }
    return (long) delayPs;
  }

  // ---- queries ----

  /** The flow's current rate in bytes per second: 0 during its latency or before its first recompute. */
  public double rateBytesPerSecond(long flowId) {
    return flows.rateBytesPerSecond[slotOrThrow(flowId)];
  }

  /** Bytes of the flow not yet through at the current time. */
  public double remainingBytes(long flowId) {
    int slot = slotOrThrow(flowId);
    return flows.remainingBytes[slot] - bytesMoved(slot, simulation.nowPs() - lastAdvancePs);
  }

  private int slotOrThrow(long flowId) {
    int slot = flows.slotOf(flowId);
    if (slot < 0) {
      throw new IllegalArgumentException("no flow in flight with id " + flowId);
    }
    return slot;
  }

  /** Whether the flow has started and neither completed nor been cancelled. */
  public boolean inFlight(long flowId) {
    return flows.slotOf(flowId) >= 0;
  }

  /** Flows started and neither complete nor cancelled, including those still in their latency. */
  public int activeFlowCount() {
    return flows.inFlight();
  }

  /** Bytes that have crossed {@code link} so far, up to the current time. */
  public double bytesCarried(int link) {
    checkLink(link);
    double carried = bytesCarried[link];
    long elapsedPs = simulation.nowPs() - lastAdvancePs;
    for (int position = 0; position < flows.activeCount; position++) {
      int slot = flows.activeSlots[position];
      if (crosses(flows.pathBySlot[slot], link)) {
        carried += bytesMoved(slot, elapsedPs);
      }
    }
    return carried;
  }

  private static boolean crosses(int[] path, int link) {
    for (int hop : path) {
      if (hop == link) {
        return true;
      }
    }
    return false;
  }

  private void checkLink(int link) {
    if (link < 0 || link >= linkCount) {
      throw new IllegalArgumentException("no link " + link + " (links: " + linkCount + ")");
    }
  }

  /** The bytes of all completed flows. */
  public double bytesDelivered() {
    return bytesDelivered;
  }

  public long flowsCompleted() {
    return flowsCompleted;
  }

  /** How many times the fair rates were solved; normally one per instant with arrivals or departures. */
  public long recomputeCount() {
    return recomputes;
  }

  public int linkCount() {
    return linkCount;
  }

  public String linkName(int link) {
    checkLink(link);
    return linkNames[link];
  }

  public double capacityBytesPerSecond(int link) {
    checkLink(link);
    return capacityBytesPerSecond[link];
  }
}
