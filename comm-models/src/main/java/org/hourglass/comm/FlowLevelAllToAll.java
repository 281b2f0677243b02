package org.hourglass.comm;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.sim.FlowNetwork;
import org.hourglass.sim.Simulation;

/**
 * The dispatch of an {@link AllToAllTraffic} run as flows on the engine's max-min fair network: each
 * GPU has four links (IB send, IB receive, NVLink send, NVLink receive) at the achievable bandwidths;
 * a source sends its tokens for each remote node to that node's forwarder in {@code chunks} chunks one
 * after another (DeepEP's RDMA chunks), and each chunk, once arrived, is forwarded over NVLink to the
 * GPUs holding its experts; tokens for the source's own node go over NVLink directly. The time is the
 * last completion plus the two hops' latencies. Unlike the closed form, ports share bandwidth and wait
 * on one another, so the run exposes how far {@code max port bytes / bandwidth} is from reachable.
 */
public final class FlowLevelAllToAll {
  private final Fabric fabric;
  private final AllToAllModel model;
  private final int chunks;

  public FlowLevelAllToAll(Fabric fabric, AllToAllModel model, int chunks) {
    if (chunks < 1) {
      throw new IllegalArgumentException("chunks must be at least 1, got " + chunks);
    }
    this.fabric = fabric;
    this.model = model;
    this.chunks = chunks;
  }

  /** Time of the dispatch, in picoseconds. */
  public long dispatchPs(AllToAllTraffic traffic) {
    return new Run(traffic, model.bytesPerToken(AllToAllModel.Phase.DISPATCH)).timePs();
  }

  /** One simulation of one dispatch. */
  private final class Run {
    private final AllToAllTraffic t;
    private final double bytesPerToken;
    private final Simulation simulation = new Simulation();
    private final FlowNetwork net = new FlowNetwork(simulation);
    private final int[][] links;
    private final List<int[]> ibPairs = new ArrayList<>();

    Run(AllToAllTraffic traffic, double bytesPerToken) {
      this.t = traffic;
      this.bytesPerToken = bytesPerToken;
      this.links = new int[traffic.gpus()][];
      for (int gpu = 0; gpu < traffic.gpus(); gpu++) {
        links[gpu] = new int[] {
          net.addLink("ib-send-" + gpu, model.infiniband().bytesPerSecond()),
          net.addLink("ib-receive-" + gpu, model.infiniband().bytesPerSecond()),
          net.addLink("nvlink-send-" + gpu, model.nvlink().bytesPerSecond()),
          net.addLink("nvlink-receive-" + gpu, model.nvlink().bytesPerSecond()),
        };
      }
    }

    long timePs() {
      for (int source = 0; source < t.gpus(); source++) {
        startLocal(source);
        startRemote(source);
      }
      long endPs = simulation.run();
      long latencyPs = model.nvlink().latencyPs() + (ibPairs.isEmpty() ? 0 : model.infiniband().latencyPs());
      return endPs + latencyPs;
    }

    private void startLocal(int source) {
      int first = nodeOf(source) * t.gpusPerNode();
      for (int to = first; to < first + t.gpusPerNode(); to++) {
        if (t.copies(source, to) > 0) {
          nvlinkFlow(source, to, t.copies(source, to) * bytesPerToken);
        }
      }
    }

    private void startRemote(int source) {
      for (int node = 0; node < t.gpus() / t.gpusPerNode(); node++) {
        if (t.ibTokens(source, node) > 0) {
          ibPairs.add(new int[] {source, node});
          sendChunk(ibPairs.size() - 1, 0);
        }
      }
    }

    private void sendChunk(int pair, int chunk) {
      int source = ibPairs.get(pair)[0];
      int forwarder = forwarder(source, ibPairs.get(pair)[1]);
      double bytes = t.ibTokens(source, ibPairs.get(pair)[1]) * bytesPerToken / chunks;
      net.startFlow(new int[] {links[source][0], links[forwarder][1]}, bytes, this::chunkArrived,
          (long) pair * chunks + chunk);
    }

    private void chunkArrived(long payload) {
      int pair = (int) (payload / chunks);
      int chunk = (int) (payload % chunks);
      if (chunk + 1 < chunks) {
        sendChunk(pair, chunk + 1);
      }
      int source = ibPairs.get(pair)[0];
      int forwarder = forwarder(source, ibPairs.get(pair)[1]);
      int first = ibPairs.get(pair)[1] * t.gpusPerNode();
      for (int to = first; to < first + t.gpusPerNode(); to++) {
        if (to != forwarder && t.copies(source, to) > 0) {
          nvlinkFlow(forwarder, to, t.copies(source, to) * bytesPerToken / chunks);
        }
      }
    }

    private void nvlinkFlow(int from, int to, double bytes) {
      net.startFlow(new int[] {links[from][2], links[to][3]}, bytes, payload -> { }, 0L);
    }

    private int forwarder(int source, int node) {
      return node * t.gpusPerNode() + source % t.gpusPerNode();
    }

    private int nodeOf(int gpu) {
      return gpu / t.gpusPerNode();
    }
  }
}
