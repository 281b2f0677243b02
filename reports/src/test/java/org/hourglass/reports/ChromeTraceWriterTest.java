package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.hourglass.sim.Server;
import org.hourglass.sim.SimTime;
import org.hourglass.sim.Simulation;
import org.hourglass.sim.SpanLog;
import org.junit.jupiter.api.Test;

class ChromeTraceWriterTest {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Test
  void gpusAreProcessesAndStreamsAreThreads() throws Exception {
    SpanLog log = new SpanLog();
    int compute = log.resource("gpu17/compute");
    int comm = log.resource("gpu17/comm");
    int other = log.resource("gpu3/compute");
    int link = log.resource("ib/leaf0");
    log.record(compute, 0, 1_234_567, "gemm");
    log.record(comm, 1, 2, "dispatch");
    log.record(other, 5 * SimTime.PS_PER_MS, 5 * SimTime.PS_PER_MS, "empty");
    log.record(link, 0, SimTime.PS_PER_US, "bytes");
    JsonNode trace = trace(log);
    assertEquals(List.of(), TraceCheck.violations(trace));
    assertEquals("gpu17", meta(trace, "process_name", 17, 0));
    assertEquals("compute", meta(trace, "thread_name", 17, 1));
    assertEquals("comm", meta(trace, "thread_name", 17, 2));
    assertEquals("gpu3", meta(trace, "process_name", 3, 0));
    assertEquals("ib", meta(trace, "process_name", 18, 0), "non-GPU resources come after the GPUs");
    JsonNode gemm = complete(trace).stream().filter(e -> e.get("name").asText().equals("gemm")).findFirst().orElseThrow();
    assertEquals(new BigDecimal("1.234567"), gemm.get("dur").decimalValue(), "picoseconds kept exactly");
    JsonNode dispatch = complete(trace).stream().filter(e -> e.get("name").asText().equals("dispatch")).findFirst().orElseThrow();
    assertEquals(new BigDecimal("0.000001"), dispatch.get("ts").decimalValue());
    assertEquals("comm", dispatch.get("cat").asText());
    assertEquals("scenario-x", trace.at("/otherData/scenario").asText());
  }

  @Test
  void overlappingLanesOfOneServerGoToSeparateThreads() throws Exception {
    SpanLog log = new SpanLog();
    Simulation sim = new Simulation(log);
    Server comm = new Server(sim, "gpu0/comm", 2);
    for (int i = 0; i < 5; i++) {
      comm.submit((i + 1) * SimTime.PS_PER_US, payload -> {}, i, "send " + i);
    }
    sim.run();
    JsonNode trace = trace(log);
    assertEquals(List.of(), TraceCheck.violations(trace));
    assertEquals(5, complete(trace).size());
    assertEquals("comm", meta(trace, "thread_name", 0, 1));
    assertEquals("comm #2", meta(trace, "thread_name", 0, 2));
  }

  @Test
  void theCheckCatchesEachBrokenRule() throws Exception {
    SpanLog log = new SpanLog();
    int r = log.resource("gpu0/compute");
    log.record(r, 0, 10 * SimTime.PS_PER_US, "a");
    log.record(r, 20 * SimTime.PS_PER_US, 30 * SimTime.PS_PER_US, "b");
    ArrayNode good = (ArrayNode) trace(log).get("traceEvents");
    assertEquals(List.of(), TraceCheck.violations(good));
    assertEquals(1, TraceCheck.violations(broken(good, "a", e -> e.put("dur", 25))).size(), "partial overlap");
    assertEquals(0, TraceCheck.violations(broken(good, "a", e -> e.put("dur", 30))).size(), "full nesting is fine");
    assertEquals(1, TraceCheck.violations(broken(good, "b", e -> e.put("dur", -1))).size(), "negative duration");
    assertEquals(1, TraceCheck.violations(broken(good, "b", e -> e.remove("pid"))).size(), "missing pid");
    assertEquals(1, TraceCheck.violations(broken(good, "b", e -> e.remove("ts"))).size(), "missing ts");
    assertEquals(1, TraceCheck.violations(broken(good, "b", e -> e.put("ph", "B"))).size(), "unsupported phase");
    assertEquals(List.of("no traceEvents array"), TraceCheck.violations(MAPPER.createObjectNode()));
  }

  @Test
  void microsecondsAreExactDecimals() {
    assertEquals("0", ChromeTraceWriter.micros(0));
    assertEquals("12", ChromeTraceWriter.micros(12 * SimTime.PS_PER_US));
    assertEquals("9223372036854.775807", ChromeTraceWriter.micros(Long.MAX_VALUE));
  }

  static JsonNode trace(SpanLog log) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChromeTraceWriter.write(log, Map.of("scenario", "scenario-x"), out);
    return MAPPER.readTree(out.toByteArray());
  }

  static List<JsonNode> complete(JsonNode trace) {
    return StreamSupport.stream(trace.get("traceEvents").spliterator(), false)
        .filter(e -> e.get("ph").asText().equals("X")).toList();
  }

  private static String meta(JsonNode trace, String name, int pid, int tid) {
    return StreamSupport.stream(trace.get("traceEvents").spliterator(), false)
        .filter(e -> e.get("name").asText().equals(name) && e.get("pid").asInt() == pid && e.get("tid").asInt() == tid)
        .map(e -> e.at("/args/name").asText()).findFirst().orElseThrow();
  }

  private static ArrayNode broken(ArrayNode events, String label, java.util.function.Consumer<ObjectNode> change) {
    ArrayNode copy = events.deepCopy();
    List<JsonNode> all = new ArrayList<>();
    copy.forEach(all::add);
    all.stream().filter(e -> e.get("name").asText().equals(label)).forEach(e -> change.accept((ObjectNode) e));
    return copy;
  }
}
