package org.hourglass.comm;

/**
 * Closed-form time of a dispatch or combine: every port streams its bytes concurrently, so the time is
 * the busiest port's serialization, over every GPU's IB send and receive and NVLink send and receive,
 * plus one IB and one NVLink latency for the two hops of a forwarded token:
 * {@code T = max_port(bytes_port / achievable_bw) + alpha}. The flow-level run checks the concurrency.
 */
public final class AllToAllModel {
  /** Which way the tokens move. Dispatch goes out as counted; combine runs the same matrix backwards. */
  public enum Phase { DISPATCH, COMBINE }

  private final Fabric fabric;
  private final MoeRouting routing;
  private final Link nvlink;
  private final Link infiniband;

  public AllToAllModel(Fabric fabric, MoeRouting routing, AchievableBandwidth achievable, int communicationSms) {
    this.fabric = fabric;
    this.routing = routing;
    this.nvlink = achievable.nvlink(fabric, communicationSms);
    this.infiniband = achievable.infiniband(fabric, communicationSms);
  }

  /** Time of one phase of the traffic, naming the port that bounds it. */
  public AllToAllTime time(AllToAllTraffic traffic, Phase phase) {
    double bytesPerToken = bytesPerToken(phase);
    Port worst = null;
    for (int gpu = 0; gpu < traffic.gpus(); gpu++) {
      for (Port port : ports(traffic, gpu, phase, bytesPerToken)) {
        if (worst == null || port.busyPs() > worst.busyPs()) {
          worst = port;
        }
      }
    }
    long latencyPs = nvlink.latencyPs() + (traffic.crossesNodes() ? infiniband.latencyPs() : 0);
    return new AllToAllTime(phase, worst.busyPs() + latencyPs, worst.name(), worst.gpu(),
        maxBusyPs(traffic, phase, bytesPerToken, true), maxBusyPs(traffic, phase, bytesPerToken, false));
  }

  /** Bytes of one token copy in a phase: FP8 with scales in dispatch, BF16 in combine for V3. */
  public double bytesPerToken(Phase phase) {
    return phase == Phase.DISPATCH ? routing.dispatchBytesPerToken() : routing.combineBytesPerToken();
  }

  public Link nvlink() {
    return nvlink;
  }

  public Link infiniband() {
    return infiniband;
  }

  public Fabric fabric() {
    return fabric;
  }

  private Port[] ports(AllToAllTraffic t, int gpu, Phase phase, double bytes) {
    boolean out = phase == Phase.DISPATCH;
    return new Port[] {
      new Port("ib-send", gpu, infiniband.serializationPs(bytes * (out ? t.ibOut(gpu) : t.ibIn(gpu)))),
      new Port("ib-receive", gpu, infiniband.serializationPs(bytes * (out ? t.ibIn(gpu) : t.ibOut(gpu)))),
      new Port("nvlink-send", gpu, nvlink.serializationPs(bytes * (out ? t.nvlinkOut(gpu) : t.nvlinkIn(gpu)))),
      new Port("nvlink-receive", gpu, nvlink.serializationPs(bytes * (out ? t.nvlinkIn(gpu) : t.nvlinkOut(gpu)))),
    };
  }

  private long maxBusyPs(AllToAllTraffic t, Phase phase, double bytes, boolean ib) {
    long max = 0;
    for (int gpu = 0; gpu < t.gpus(); gpu++) {
      Port[] ports = ports(t, gpu, phase, bytes);
      int first = ib ? 0 : 2;
      max = Math.max(max, Math.max(ports[first].busyPs(), ports[first + 1].busyPs()));
    }
    return max;
  }

  private record Port(String name, int gpu, long busyPs) {}
}
