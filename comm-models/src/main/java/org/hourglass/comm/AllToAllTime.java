package org.hourglass.comm;

import org.hourglass.sim.SimTime;

/**
 * The closed-form time of one all-to-all phase and what bounds it: the busiest port ({@code ib-send},
 * {@code ib-receive}, {@code nvlink-send} or {@code nvlink-receive}) and on which GPU, with the busiest
 * IB and NVLink ports' serialization times beside it.
 */
public record AllToAllTime(AllToAllModel.Phase phase, long timePs, String bottleneckPort, int bottleneckGpu,
    long ibBusyPs, long nvlinkBusyPs) {

  public double seconds() {
    return SimTime.toSeconds(timePs);
  }

  /** "ib" or "nvlink": the link class of the bottleneck. */
  public String bottleneckLink() {
    return bottleneckPort.startsWith("ib") ? "ib" : "nvlink";
  }
}
