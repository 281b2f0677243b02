package org.hourglass.parallelism.step;

import java.util.Arrays;

/**
 * The InfiniBand ports of a block's GPUs, each GPU's send port and receive port, shared by its
 * expert all-to-alls and its pipeline hand-offs. A port serves the two at equal rates while both
 * stream and works at its full rate while one does (processor sharing between two classes, the
 * fluid model of a work-conserving link; assumption: the NIC arbitrates DeepEP's queue pairs and the
 * hand-off's as two equal classes). So when a hand-off of H picoseconds (its bytes at the port's
 * rate) meets an all-to-all with r picoseconds of streaming left, each is delayed by min(H, r):
 * what the two send together takes exactly as long as their bytes at the full rate. Hand-offs on
 * one port stream one after another.
 *
 * <p>Times are absolute engine picoseconds. An all-to-all's streaming on a port is its busiest
 * InfiniBand port's (the collective ends with that port), taken for every member.
 */
final class NicPorts {
  private final long[] allToAllUntilPs; // [port]: when the running all-to-all's streaming ends, as delayed
  private final long[] handoffsUntilPs; // [port]: when the hand-offs queued on the port end, as delayed
  private final int[][] streaming; // [port] -> ids of hand-offs that may still stream there
  private final int[] streamingCount;

  private long[] sendDonePs = new long[64]; // by hand-off id
  private long[] receiveDonePs = new long[64];
  private long[] latencyPs = new long[64];
  private long[] payload = new long[64];
  private int[] sendPort = new int[64];
  private int[] receivePort = new int[64];
  private int[] freeIds = new int[64];
  private int freeCount;
  private int idsUsed;

  NicPorts(int gpus) {
    allToAllUntilPs = new long[2 * gpus];
    handoffsUntilPs = new long[2 * gpus];
    streaming = new int[2 * gpus][2];
    streamingCount = new int[2 * gpus];
  }

  static int sendPort(int gpu) {
    return 2 * gpu;
  }

  static int receivePort(int gpu) {
    return 2 * gpu + 1;
  }

  /**
   * An all-to-all of {@code members} GPUs from {@code firstGpu} starts streaming for {@code ibPs} on
   * each member's two ports; hand-offs still streaming there share them. Returns the longest delay
   * this puts on a member's port, the delay of the collective.
   */
  long allToAllStarts(int firstGpu, int members, long nowPs, long ibPs) {
    if (ibPs == 0) { // inside one node: the ports stay the hand-offs'
      return 0;
    }
    long longest = 0;
    for (int gpu = firstGpu; gpu < firstGpu + members; gpu++) {
      longest = Math.max(longest, share(sendPort(gpu), nowPs, ibPs));
      longest = Math.max(longest, share(receivePort(gpu), nowPs, ibPs));
    }
    return longest;
  }

  private long share(int port, long nowPs, long ibPs) {
    long pendingPs = handoffsUntilPs[port] - nowPs;
    long delayPs = pendingPs > 0 ? Math.min(pendingPs, ibPs) : 0;
    allToAllUntilPs[port] = nowPs + ibPs + delayPs;
    if (delayPs > 0) {
      handoffsUntilPs[port] += delayPs;
      for (int i = 0; i < streamingCount[port]; i++) {
        int id = streaming[port][i];
        long[] done = sendPort[id] == port ? sendDonePs : receiveDonePs;
        if (done[id] > nowPs) {
          done[id] += delayPs;
        }
      }
    }
    return delayPs;
  }

  /**
   * A hand-off of {@code transferPs} at the full port rate leaves {@code sender} for {@code receiver};
   * returns its id. Its bytes queue behind earlier hand-offs on each port and share the port with a
   * running all-to-all, which it delays in turn ({@link #allToAllUntilPs(int)}).
   */
  int handoffStarts(int sender, int receiver, long nowPs, long transferPs, long latency, long handoffPayload) {
    int id = allocate();
    sendPort[id] = sendPort(sender);
    receivePort[id] = receivePort(receiver);
    latencyPs[id] = latency;
    payload[id] = handoffPayload;
    sendDonePs[id] = stream(sendPort[id], id, nowPs, transferPs);
    receiveDonePs[id] = stream(receivePort[id], id, nowPs, transferPs);
    return id;
  }

  private long stream(int port, int id, long nowPs, long transferPs) {
    long startPs = Math.max(nowPs, handoffsUntilPs[port]);
    long sharedPs = Math.min(transferPs, Math.max(0, allToAllUntilPs[port] - startPs));
    allToAllUntilPs[port] += sharedPs;
    handoffsUntilPs[port] = startPs + transferPs + sharedPs;
    if (streamingCount[port] == streaming[port].length) {
      streaming[port] = Arrays.copyOf(streaming[port], 2 * streamingCount[port]);
    }
    streaming[port][streamingCount[port]++] = id;
    return handoffsUntilPs[port];
  }

  /** When hand-off {@code id} arrives, as delayed so far. */
  long arrivalPs(int id) {
    return Math.max(sendDonePs[id], receiveDonePs[id]) + latencyPs[id];
  }

  /** When the all-to-all streaming on {@code port} ends, as delayed so far (in the past when none streams). */
  long allToAllUntilPs(int port) {
    return allToAllUntilPs[port];
  }

  /** Hand-off {@code id} has arrived: forgets it and returns its payload. */
  long arrived(int id) {
    forget(sendPort[id], id);
    forget(receivePort[id], id);
    freeIds[freeCount++] = id;
    return payload[id];
  }

  private void forget(int port, int id) {
    int[] ids = streaming[port];
    for (int i = 0; i < streamingCount[port]; i++) {
      if (ids[i] == id) {
        ids[i] = ids[--streamingCount[port]];
        return;
      }
    }
  }

  private int allocate() {
    if (freeCount > 0) {
      return freeIds[--freeCount];
    }
    if (idsUsed == payload.length) {
      int n = 2 * idsUsed;
      sendDonePs = Arrays.copyOf(sendDonePs, n);
      receiveDonePs = Arrays.copyOf(receiveDonePs, n);
      latencyPs = Arrays.copyOf(latencyPs, n);
      payload = Arrays.copyOf(payload, n);
      sendPort = Arrays.copyOf(sendPort, n);
      receivePort = Arrays.copyOf(receivePort, n);
      freeIds = Arrays.copyOf(freeIds, n);
    }
    return idsUsed++;
  }
}
