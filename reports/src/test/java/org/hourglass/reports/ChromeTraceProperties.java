package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.LongRange;
import org.hourglass.sim.SpanLog;

class ChromeTraceProperties {
  @Property(tries = 200)
  void anySpanLogGivesATraceThatPassesTheSchemaCheckAndKeepsEveryPicosecond(
      @ForAll @Size(max = 60) List<@IntRange(max = 5) Integer> resources,
      @ForAll @Size(max = 60) List<@LongRange(max = 1_000_000_000L) Long> starts,
      @ForAll @Size(max = 60) List<@LongRange(max = 50_000_000L) Long> lengths) throws Exception {
    String[] names = {"gpu0/compute", "gpu0/comm", "gpu12/compute", "gpu12/comm", "nic/ib0", "switch"};
    SpanLog log = new SpanLog();
    Map<String, Long> busyPs = new HashMap<>();
    int n = Math.min(resources.size(), Math.min(starts.size(), lengths.size()));
    for (int i = 0; i < n; i++) {
      String name = names[resources.get(i)];
      log.record(log.resource(name), starts.get(i), starts.get(i) + lengths.get(i), "op" + i);
      busyPs.merge(name, lengths.get(i), Long::sum);
    }
    JsonNode trace = ChromeTraceWriterTest.trace(log);
    assertEquals(List.of(), TraceCheck.violations(trace));
    List<JsonNode> complete = ChromeTraceWriterTest.complete(trace);
    assertEquals(n, complete.size());
    BigDecimal total = complete.stream().map(e -> e.get("dur").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
    long totalPs = busyPs.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(0, total.compareTo(BigDecimal.valueOf(totalPs, 6)));
  }
}
