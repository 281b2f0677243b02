package org.hourglass.reports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hourglass.sim.SpanLog;

/**
 * Writes the engine's span log as a Chrome/Perfetto trace (JSON trace-event format, object form),
 * so a simulated step opens in ui.perfetto.dev beside DeepSeek's published profile data: GPUs are
 * processes, streams threads (see {@link TraceLayout}), each span a complete event ({@code ph: X}).
 * Times are microseconds written as exact decimals of the simulated picoseconds (ps / 10^6).
 */
public final class ChromeTraceWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private ChromeTraceWriter() {}

  /** Writes the trace of {@code log} to {@code file}; {@code otherData} (e.g. the scenario and its hash) goes in the trace's metadata. */
  public static void write(SpanLog log, Map<String, String> otherData, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(log, otherData, out);
    }
  }

  /** Writes the trace of {@code log} to {@code out}, which stays open. */
  public static void write(SpanLog log, Map<String, String> otherData, OutputStream out) throws IOException {
    TraceLayout layout = new TraceLayout(log);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeStringField("displayTimeUnit", "ns");
      json.writeObjectFieldStart("otherData");
      json.writeStringField("producer", "hourglass (simulated, not measured)");
      for (Map.Entry<String, String> e : otherData.entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
      json.writeArrayFieldStart("traceEvents");
      metadata(json, layout);
      for (TraceLayout.Placed p : layout.placed()) {
        span(json, p);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /** Picoseconds as microseconds, exactly, in plain decimal notation. */
  static String micros(long ps) {
    return BigDecimal.valueOf(ps, 6).stripTrailingZeros().toPlainString();
  }

  private static void metadata(JsonGenerator json, TraceLayout layout) throws IOException {
    for (TraceLayout.Process p : layout.processes()) {
      meta(json, "process_name", p.pid(), 0, "name", p.name());
      meta(json, "process_sort_index", p.pid(), 0, "sort_index", p.pid());
    }
    for (TraceLayout.Thread t : layout.threads()) {
      meta(json, "thread_name", t.process().pid(), t.tid(), "name", t.name());
      meta(json, "thread_sort_index", t.process().pid(), t.tid(), "sort_index", t.tid());
    }
  }

  private static void meta(JsonGenerator json, String name, int pid, int tid, String key, Object value) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", name);
    json.writeStringField("ph", "M");
    json.writeNumberField("ts", 0);
    json.writeNumberField("pid", pid);
    json.writeNumberField("tid", tid);
    json.writeObjectFieldStart("args");
    if (value instanceof Integer i) {
      json.writeNumberField(key, i);
    } else {
      json.writeStringField(key, value.toString());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void span(JsonGenerator json, TraceLayout.Placed p) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", p.span().label());
    json.writeStringField("cat", p.thread().stream());
    json.writeStringField("ph", "X");
    json.writeFieldName("ts");
    json.writeNumber(micros(p.span().startPs()));
    json.writeFieldName("dur");
    json.writeNumber(micros(p.span().durationPs()));
    json.writeNumberField("pid", p.thread().process().pid());
    json.writeNumberField("tid", p.thread().tid());
    json.writeEndObject();
  }
}
