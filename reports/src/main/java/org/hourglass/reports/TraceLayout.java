package org.hourglass.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hourglass.sim.SpanLog;

/**
 * Where each span goes in a Chrome trace: a resource {@code gpuN/stream} is process N with one
 * thread per stream; other {@code name/stream} resources are processes numbered after the GPUs.
 * Spans that overlap on one resource (a server with several lanes) are dealt to lanes, each its
 * own thread, by interval partitioning (earliest start first, lowest free lane), so complete
 * events on one thread never overlap and the viewer nests nothing wrongly.
 */
final class TraceLayout {
  private static final Pattern GPU = Pattern.compile("gpu(\\d+)(?:/(.+))?");

  /** A process of the trace. */
  record Process(int pid, String name) {}

  /** A thread of the trace: its process, id within it, name, and the stream it shows. */
  record Thread(Process process, int tid, String name, String stream) {}

  /** A span placed on its thread. */
  record Placed(SpanLog.Span span, Thread thread) {}

  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Placed> placed = new ArrayList<>();

  TraceLayout(SpanLog log) {
    Map<String, List<SpanLog.Span>> byResource = new LinkedHashMap<>();
    log.resources().forEach(r -> byResource.put(r, new ArrayList<>()));
    log.spans().forEach(s -> byResource.get(s.resource()).add(s));
    assignProcesses(log.resources());
    Map<Process, Integer> nextTid = new HashMap<>();
    byResource.forEach((resource, spans) -> place(resource, spans, nextTid));
    placed.sort(Comparator.comparingLong((Placed p) -> p.span().startPs())
        .thenComparingInt(p -> p.thread().process().pid()).thenComparingInt(p -> p.thread().tid()));
  }

  List<Process> processes() {
    return List.copyOf(processes.values());
  }

  List<Thread> threads() {
    return threads;
  }

  List<Placed> placed() {
    return placed;
  }

  private void assignProcesses(List<String> resources) {
    int maxGpu = -1;
    for (String r : resources) {
      Matcher m = GPU.matcher(r);
      if (m.matches()) {
        int gpu = Integer.parseInt(m.group(1));
        maxGpu = Math.max(maxGpu, gpu);
        processes.putIfAbsent("gpu" + gpu, new Process(gpu, "gpu" + gpu));
      }
    }
    int next = maxGpu + 1;
    for (String r : resources) {
      String name = processName(r);
      if (!processes.containsKey(name)) {
        processes.put(name, new Process(next++, name));
      }
    }
  }

  private static String processName(String resource) {
    Matcher m = GPU.matcher(resource);
    if (m.matches()) {
      return "gpu" + Integer.parseInt(m.group(1));
    }
    int slash = resource.lastIndexOf('/');
    return slash < 0 ? resource : resource.substring(0, slash);
  }

  private static String streamName(String resource) {
    int slash = resource.lastIndexOf('/');
    return slash < 0 ? resource : resource.substring(slash + 1);
  }

  private void place(String resource, List<SpanLog.Span> spans, Map<Process, Integer> nextTid) {
    Process process = processes.get(processName(resource));
    List<SpanLog.Span> ordered = new ArrayList<>(spans);
    ordered.sort(Comparator.comparingLong(SpanLog.Span::startPs).thenComparingLong(SpanLog.Span::endPs));
    List<Long> laneEnds = new ArrayList<>();
    List<Thread> lanes = new ArrayList<>();
    for (SpanLog.Span span : ordered) {
      int lane = freeLane(laneEnds, span.startPs());
      if (lane == laneEnds.size()) {
        laneEnds.add(span.endPs());
        lanes.add(newThread(process, streamName(resource), lane, nextTid));
      }
      laneEnds.set(lane, span.endPs());
      placed.add(new Placed(span, lanes.get(lane)));
    }
    if (lanes.isEmpty()) {
      newThread(process, streamName(resource), 0, nextTid);
    }
  }

  private static int freeLane(List<Long> laneEnds, long startPs) {
    for (int lane = 0; lane < laneEnds.size(); lane++) {
      if (laneEnds.get(lane) <= startPs) {
        return lane;
      }
    }
    return laneEnds.size();
  }

  private Thread newThread(Process process, String stream, int lane, Map<Process, Integer> nextTid) {
    int tid = nextTid.merge(process, 1, Integer::sum);
    Thread thread = new Thread(process, tid, lane == 0 ? stream : stream + " #" + (lane + 1), stream);
    threads.add(thread);
    return thread;
  }
}
