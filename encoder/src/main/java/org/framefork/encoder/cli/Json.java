package org.framefork.encoder.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.framefork.encoder.media.Rational;

/** The JSON the command line writes ({@code probe --json}, {@code encode --report}). */
final class Json {
  private Json() {}

  static final ObjectMapper MAPPER = mapper();

  private static ObjectMapper mapper() {
    SimpleModule m = new SimpleModule("framefork-cli");
    // Paths as the user wrote them, not as file: URIs.
    m.addSerializer(Path.class, ToStringSerializer.instance);
    // Rationals as "30000/1001", which keeps them exact; a double beside them would be noise.
    m.addSerializer(Rational.class, new StdSerializer<>(Rational.class) {
      @Override
      public void serialize(Rational r, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeString(r.toString());
      }
    });
    // A figure that is not a finite number as null: the PSNR of identical planes (infinite), a CPU
    // time not measured (NaN). JSON has no number for either, and Jackson's defaults, the strings
    // "Infinity" and "NaN", are strings among numbers.
    StdSerializer<Double> finite = new StdSerializer<>(Double.class) {
      @Override
      public void serialize(Double d, JsonGenerator g, SerializerProvider p) throws IOException {
        if (!Double.isFinite(d)) {
          g.writeNull();
        } else {
          g.writeNumber(d);
        }
      }
    };
    m.addSerializer(Double.class, finite);
    m.addSerializer(Double.TYPE, finite);
    return new ObjectMapper()
        .registerModule(m)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code value} to {@code file} through a temporary file, so that a reader never sees half a document. */
  static void writeFile(Path file, Object value) throws IOException {
    org.framefork.encoder.io.AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
  }
}
