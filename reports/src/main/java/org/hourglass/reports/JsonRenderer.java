package org.hourglass.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The report as JSON with the stable field names of REPORT-FORMAT.md, and back. Unknown fields are
 * ignored on reading, so a newer writer's added fields do not break an older reader.
 */
public final class JsonRenderer {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JsonRenderer() {}

  /** The report as indented JSON, ending with a newline. */
  public static String render(Report report) {
    try {
      return MAPPER.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report always serializes", e);
    }
  }

  /** Reads a report written by {@link #render}. */
  public static Report read(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, Report.class);
  }
}
