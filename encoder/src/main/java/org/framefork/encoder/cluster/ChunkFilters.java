package org.framefork.encoder.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.filter.Filter;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.OverlayFilter;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.ColourRange;

/**
 * A job's {@code --vf} chain on its way to a node and back into a chain there: the text, the overlay
 * pictures' bytes (a node cannot read the coordinator's files), and the source's colour matrix, so
 * that the node's filters make the pictures the coordinator's would.
 */
final class ChunkFilters {
  private ChunkFilters() {}

  /** The chain of {@code setup} as a request carries it; {@link ChunkWire.Filters#NONE} for none. */
  static ChunkWire.Filters toWire(FilterSetup setup) {
    if (setup == null || setup.chain().isEmpty()) {
      return ChunkWire.Filters.NONE;
    }
    List<String> parts = new ArrayList<>();
    List<byte[]> overlays = new ArrayList<>();
    for (Filter f : setup.chain().filters()) {
      if (f instanceof OverlayFilter o) {
        overlays.add(read(o.file()));
        Path name = Path.of(ChunkWire.Filters.overlayName(overlays.size() - 1));
        parts.add(new OverlayFilter(name, o.x(), o.y(), o.fromRight(), o.fromBottom()).text());
      } else {
        parts.add(f.text());
      }
    }
    return new ChunkWire.Filters(String.join(",", parts), setup.matrix().name(), setup.range().name(), List.copyOf(overlays));
  }

  /**
   * The chain a request carries, ready, with its overlay pictures written into {@code dir}; null
   * for none. IllegalArgumentException when the chain names a picture the request does not carry.
   */
  static FilterSetup fromWire(ChunkWire.Filters wire, Path dir) throws IOException {
    if (wire.isEmpty()) {
      return null;
    }
    for (int i = 0; i < wire.overlays().size(); i++) {
      Files.write(dir.resolve(ChunkWire.Filters.overlayName(i)), wire.overlays().get(i));
    }
    List<Filter> filters = new ArrayList<>();
    for (Filter f : FilterChain.parse(wire.chain()).filters()) {
      if (f instanceof OverlayFilter o) {
        String name = o.file().toString();
        if (!name.matches("overlay-[0-9]{1,2}\\.png") || !Files.isRegularFile(dir.resolve(name))) {
          throw new IllegalArgumentException("the chain names an overlay picture the request does not carry: " + name);
        }
        filters.add(new OverlayFilter(dir.resolve(name), o.x(), o.y(), o.fromRight(), o.fromBottom()));
      } else {
        filters.add(f);
      }
    }
    return FilterChain.of(filters).prepare(ColourMatrix.valueOf(wire.matrix()), ColourRange.valueOf(wire.range()));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }
}
