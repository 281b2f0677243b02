package org.hourglass.sim;

import java.util.Arrays;

/**
 * A FIFO server with a fixed number of identical lanes: a GPU's compute stream (one lane), a set of
 * copy engines (several). A job occupies a lane for its service time; jobs that find every lane busy
 * wait in arrival order. When a job ends, its completion handler runs and the next job starts.
 */
public final class Server implements EventHandler {
  private final Simulation simulation;
  private final String name;
  private final int spanResource;

  // lanes: the job each one serves
  private final EventHandler[] laneHandler;
  private final long[] lanePayload;
  private final long[] laneStartPs;
  private final String[] laneLabel;
  private final int[] freeLanes;
  private int freeLaneCount;

  // waiting jobs, a ring buffer in arrival order
  private long[] waitingServicePs = new long[16];
  private EventHandler[] waitingHandler = new EventHandler[16];
  private long[] waitingPayload = new long[16];
  private String[] waitingLabel = new String[16];
  private int waitingHead;
  private int waitingCount;

  private long busyPs;
  private long jobsDone;

  /** A server named {@code name} (its span resource) with {@code lanes} parallel lanes. */
  public Server(Simulation simulation, String name, int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("a server needs at least one lane: " + lanes);
    }
    this.simulation = simulation;
    this.name = name;
    this.spanResource = simulation.spans().resource(name);
    laneHandler = new EventHandler[lanes];
    lanePayload = new long[lanes];
    laneStartPs = new long[lanes];
    laneLabel = new String[lanes];
    freeLanes = new int[lanes];
    for (int lane = 0; lane < lanes; lane++) {
      freeLanes[lane] = lanes - 1 - lane; // lane 0 is taken first
    }
    freeLaneCount = lanes;
  }

  /**
   * Submits a job of {@code servicePs}; {@code onDone} runs with {@code payload} when it ends.
   * {@code label} names the work in span traces.
   */
  public void submit(long servicePs, EventHandler onDone, long payload, String label) {
    if (servicePs < 0) {
      throw new IllegalArgumentException("negative service time: " + servicePs + " ps");
    }
    if (freeLaneCount > 0) {
      start(freeLanes[--freeLaneCount], servicePs, onDone, payload, label);
    } else {
      enqueue(servicePs, onDone, payload, label);
    }
  }

  private void start(int lane, long servicePs, EventHandler onDone, long payload, String label) {
    laneHandler[lane] = onDone;
    lanePayload[lane] = payload;
    laneStartPs[lane] = simulation.nowPs();
    laneLabel[lane] = label;
    simulation.schedule(servicePs, this, lane);
  }

  /** A lane finished its job: report it, start the next waiting job, then run the job's handler. */
  @Override
  public void onEvent(long laneId) {
    int lane = (int) laneId;
    long now = simulation.nowPs();
    busyPs += now - laneStartPs[lane];
    jobsDone++;
    simulation.spans().record(spanResource, laneStartPs[lane], now, laneLabel[lane]);
    EventHandler done = laneHandler[lane];
    long payload = lanePayload[lane];
    laneHandler[lane] = null;
    laneLabel[lane] = null;
    if (waitingCount > 0) {
      startNextWaiting(lane);
    } else {
      freeLanes[freeLaneCount++] = lane;
    }
    done.onEvent(payload);
  }

  private void startNextWaiting(int lane) {
    int head = waitingHead;
    EventHandler handler = waitingHandler[head];
    String label = waitingLabel[head];
    waitingHandler[head] = null;
    waitingLabel[head] = null;
    waitingHead = (head + 1) % waitingHandler.length;
    waitingCount--;
    start(lane, waitingServicePs[head], handler, waitingPayload[head], label);
  }

  private void enqueue(long servicePs, EventHandler onDone, long payload, String label) {
    if (waitingCount == waitingHandler.length) {
      growQueue();
    }
    int tail = (waitingHead + waitingCount) % waitingHandler.length;
    waitingServicePs[tail] = servicePs;
    waitingHandler[tail] = onDone;
    waitingPayload[tail] = payload;
    waitingLabel[tail] = label;
    waitingCount++;
  }

  private void growQueue() {
    int length = waitingHandler.length;
    waitingServicePs = unroll(waitingServicePs, length);
    waitingPayload = unroll(waitingPayload, length);
    EventHandler[] handlers = new EventHandler[2 * length];
    String[] labels = new String[2 * length];
    for (int i = 0; i < length; i++) {
      handlers[i] = waitingHandler[(waitingHead + i) % length];
      labels[i] = waitingLabel[(waitingHead + i) % length];
    }
    waitingHandler = handlers;
    waitingLabel = labels;
    waitingHead = 0;
  }

  private long[] unroll(long[] ring, int length) {
    long[] grown = Arrays.copyOf(ring, 2 * length);
    for (int i = 0; i < length; i++) {
      grown[i] = ring[(waitingHead + i) % length];
    }
    return grown;
  }

  /** The server's name, also its span resource. */
  public String name() {
    return name;
  }

  /** Jobs waiting for a lane. */
  public int waiting() {
    return waitingCount;
  }

  /** Lanes serving a job now. */
  public int busyLanes() {
    return laneHandler.length - freeLaneCount;
  }

  /** Picoseconds of service completed, summed over lanes. */
  public long busyPs() {
    return busyPs;
  }

  /** Jobs completed. */
  public long jobsDone() {
    return jobsDone;
  }
}
