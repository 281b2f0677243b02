package org.hourglass.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;

/**
 * One table cell: a number (kept as a number; its column's format decides how it is shown), a
 * text, or empty. In JSON a cell is a bare number, string or null.
 */
@JsonSerialize(using = Cell.Writer.class)
@JsonDeserialize(using = Cell.Reader.class)
public record Cell(String text, Double number) {
  /** A cell with nothing in it. */
  public static final Cell EMPTY = new Cell(null, null);

  public Cell {
    if (text != null && number != null) {
      throw new IllegalArgumentException("a cell holds a text or a number, not both");
    }
    if (number != null && !Double.isFinite(number)) {
      throw new IllegalArgumentException("a cell's number must be finite: " + number);
    }
  }

  /** A numeric cell. */
  public static Cell of(double number) {
    return new Cell(null, number);
  }

  /** A text cell. */
  public static Cell of(String text) {
    return new Cell(text, null);
  }

  /** A cell from a Number, a String (anything else by its toString) or null (empty). */
  public static Cell from(Object value) {
    if (value == null) {
      return EMPTY;
    }
    return value instanceof Number n ? of(n.doubleValue()) : of(value.toString());
  }

  /** Whether the cell holds a number. */
  public boolean isNumber() {
    return number != null;
  }

  static final class Writer extends JsonSerializer<Cell> {
    @Override
    public void serialize(Cell cell, JsonGenerator out, SerializerProvider unused) throws IOException {
      if (cell.number != null) {
        out.writeNumber(cell.number);
      } else if (cell.text != null) {
        out.writeString(cell.text);
      } else {
        out.writeNull();
      }
    }
  }

  static final class Reader extends JsonDeserializer<Cell> {
    @Override
    public Cell deserialize(JsonParser in, DeserializationContext context) throws IOException {
      JsonToken token = in.currentToken();
      if (token.isNumeric()) {
        return of(in.getDoubleValue());
      }
      if (token == JsonToken.VALUE_STRING) {
        return of(in.getText());
      }
      return (Cell) context.handleUnexpectedToken(Cell.class, in);
    }

    @Override
    public Cell getNullValue(DeserializationContext unused) {
      return EMPTY;
    }
  }
}
