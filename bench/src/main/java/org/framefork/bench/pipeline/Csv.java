package org.framefork.bench.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A CSV table for the report's raw data: one header, rows of values, written by Jackson's CSV module. */
public final class Csv {
  // Strict checking quotes only the cells that need it (a comma, a quote, a line break), as spreadsheets expect.
  private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private final CsvSchema schema;
  private final List<List<Object>> rows = new ArrayList<>();

  public Csv(String... header) {
    schema = CsvSchema.builder().addColumns(List.of(header), CsvSchema.ColumnType.NUMBER_OR_STRING).build().withHeader();
  }

  public Csv row(Object... values) {
    rows.add(Arrays.stream(values).map(Csv::cell).toList());
    return this;
  }

  /** A NaN (not measured) is an empty cell; numbers and booleans as Java prints them, anything else as its text. */
  private static Object cell(Object v) {
    if (v instanceof Double d && d.isNaN()) {
      return null;
    }
    return v instanceof Number || v instanceof Boolean ? v : String.valueOf(v);
  }

  @Override
  public String toString() {
    try {
      return MAPPER.writer(schema).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // only plain values go in: a bug
    }
  }
}
