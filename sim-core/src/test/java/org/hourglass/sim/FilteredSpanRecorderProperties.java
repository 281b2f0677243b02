package org.hourglass.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The filter keeps exactly the spans of the accepted resources, in order, and nothing of the others. */
class FilteredSpanRecorderProperties {
  @Property
  void keepsExactlyTheAcceptedResourcesSpans(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 11) Integer> resources,
      @ForAll @IntRange(min = 1, max = 4) int every) {
    Predicate<String> keep = name -> Integer.parseInt(name.substring(3, name.indexOf('/'))) % every == 0;
    SpanLog all = new SpanLog();
    SpanLog kept = new SpanLog();
    SpanRecorder filtered = new FilteredSpanRecorder(kept, keep);
    long t = 0;
    for (int r : resources) {
      String name = "gpu" + r + "/compute";
      all.record(all.resource(name), t, t + r, "op" + t);
      filtered.record(filtered.resource(name), t, t + r, "op" + t);
      t += 3;
    }
    List<SpanLog.Span> expected = all.spans().stream().filter(s -> keep.test(s.resource())).toList();
    assertEquals(expected, kept.spans());
    assertEquals(all.resources().stream().filter(keep).toList(), kept.resources());
  }

  @Test
  void aFilterOverTheOffRecorderIsOff() {
    assertFalse(new FilteredSpanRecorder(SpanRecorder.OFF, name -> true).enabled());
  }

  @Test
  void theSameNameGetsTheSameIdWhetherKeptOrNot() {
    SpanRecorder filtered = new FilteredSpanRecorder(new SpanLog(), name -> name.startsWith("gpu0/"));
    int dropped = filtered.resource("gpu1/comm");
    int kept = filtered.resource("gpu0/comm");
    assertEquals(dropped, filtered.resource("gpu1/comm"));
    assertEquals(kept, filtered.resource("gpu0/comm"));
    assertNotEquals(dropped, kept);
  }
}
