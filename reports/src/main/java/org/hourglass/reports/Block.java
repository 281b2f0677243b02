package org.hourglass.reports;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One piece of a section's content. In JSON each block carries a {@code type}: {@code paragraph},
 * {@code table}, {@code chart} or {@code trace}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Paragraph.class, name = "paragraph"),
    @JsonSubTypes.Type(value = Table.class, name = "table"),
    @JsonSubTypes.Type(value = Chart.class, name = "chart"),
    @JsonSubTypes.Type(value = TraceRef.class, name = "trace")})
public sealed interface Block permits Paragraph, Table, Chart, TraceRef {}
