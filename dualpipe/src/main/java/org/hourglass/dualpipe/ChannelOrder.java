package org.hourglass.dualpipe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that sends match receives: between two ranks, activations and gradients are point-to-point
 * messages matched in order (as NCCL send/recv pairs are), so the receiver must consume each kind of
 * message in the order the sender produces it. Hand-offs inside one rank (the turn of DualPipeV's V)
 * are not messages.
 */
final class ChannelOrder {
  private record Channel(int from, int to, boolean gradient) {}

  private record Message(int microBatch, int stage) {}

  private record Receipt(Message message, int rank, int opIndex) {}

  private final Schedule schedule;
  private final Map<Channel, List<Message>> sent = new HashMap<>();
  private final Map<Channel, List<Receipt>> received = new HashMap<>();

  private ChannelOrder(Schedule schedule) {
    this.schedule = schedule;
  }

  static Optional<Violation> check(Schedule schedule) {
    ChannelOrder order = new ChannelOrder(schedule);
    order.collect();
    return order.firstMismatch();
  }

  private void collect() {
    for (int r = 0; r < schedule.ranks(); r++) {
      List<Op> ops = schedule.ops(r);
      for (int i = 0; i < ops.size(); i++) {
        for (Task task : ops.get(i).tasks()) {
          record(r, i, task);
        }
      }
    }
  }

  /** A forward receives from stage s-1 and sends to s+1; a backward receives from s+1 and sends to s-1. */
  private void record(int rank, int opIndex, Task task) {
    if (task.pass() == Pass.WEIGHT) {
      return;
    }
    boolean gradient = task.pass().isBackward();
    int upstream = gradient ? task.stage() + 1 : task.stage() - 1;
    int downstream = gradient ? task.stage() - 1 : task.stage() + 1;
    Route route = schedule.route(task.microBatch());
    if (upstream >= 0 && upstream < route.stages() && route.rank(upstream) != rank) {
      received.computeIfAbsent(new Channel(route.rank(upstream), rank, gradient), c -> new ArrayList<>())
          .add(new Receipt(new Message(task.microBatch(), upstream), rank, opIndex));
    }
    if (downstream >= 0 && downstream < route.stages() && route.rank(downstream) != rank) {
      sent.computeIfAbsent(new Channel(rank, route.rank(downstream), gradient), c -> new ArrayList<>())
          .add(new Message(task.microBatch(), task.stage()));
    }
  }

  private Optional<Violation> firstMismatch() {
    Violation first = null;
    for (Map.Entry<Channel, List<Receipt>> entry : received.entrySet()) {
      List<Message> sends = sent.getOrDefault(entry.getKey(), List.of());
      List<Receipt> receipts = entry.getValue();
      for (int k = 0; k < receipts.size(); k++) {
        Receipt receipt = receipts.get(k);
        if (k >= sends.size() || !sends.get(k).equals(receipt.message())) {
          Violation v = mismatch(entry.getKey(), receipt, k < sends.size() ? sends.get(k) : null);
          first = earlier(first, v);
          break;
        }
      }
    }
    return Optional.ofNullable(first);
  }

  private static Violation mismatch(Channel channel, Receipt receipt, Message sentInstead) {
    String what = channel.gradient() ? "gradient" : "activation";
    String got = sentInstead == null ? "nothing" : "mb " + sentInstead.microBatch() + " stage " + sentInstead.stage();
    return new Violation(Rule.SENDS_MATCH_RECEIVES, receipt.rank(), receipt.opIndex(),
        "expects the " + what + " of mb " + receipt.message().microBatch() + " stage " + receipt.message().stage()
            + " from rank " + channel.from() + ", which sends " + got + " at that point");
  }

  private static Violation earlier(Violation a, Violation b) {
    if (a == null) {
      return b;
    }
    boolean bFirst = b.rank() < a.rank() || (b.rank() == a.rank() && b.opIndex() < a.opIndex());
    return bFirst ? b : a;
  }
}
