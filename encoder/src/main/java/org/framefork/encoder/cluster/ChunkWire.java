package org.framefork.encoder.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.media.HdrMetadata;
import org.framefork.encoder.media.HdrMetadata.ContentLight;
import org.framefork.encoder.media.HdrMetadata.MasteringDisplay;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.Chunk;

/**
 * What a chunk job carries, as plain bytes in FrameFork's own format (no Java serialization of
 * either side's objects): the request a coordinator sends and the reply a node returns.
 */
final class ChunkWire {
  /** Changes with any change to the format; a peer with another one is refused. */
  static final int FORMAT = 7;
  /** The most source bytes a request may carry, and segment bytes a reply (1 GiB). */
  static final int MAX_BYTES = 1 << 30;

  private ChunkWire() {}

  /**
   * @param job the coordinator's job (for the node's log lines): input file name and a short id
   * @param coordinator the coordinator's node id: a node drops the chunk once that node has left
   */
  record Request(String job, String coordinator, Chunk chunk, EncodeSettings settings, boolean acceptDamage, Source source,
      Filters filters) {}

  /**
   * Where the node reads the chunk from: {@code bytes} in {@code container} (the chunk's packets,
   * or the whole source), or the file at {@code sharedPath}, a path every node sees (a shared mount),
   * which must have the coordinator's {@code fingerprint}.
   *
   * @param videoIndex the video stream's index in those bytes, or in that file
   */
  record Source(String container, int videoIndex, byte[] bytes, String sharedPath, String fingerprint) {
    static Source packets(String container, int videoIndex, byte[] bytes) {
      return new Source(container, videoIndex, bytes, "", "");
    }

    static Source shared(String path, int videoIndex, String fingerprint) {
      return new Source("", videoIndex, new byte[0], path, fingerprint);
    }

    boolean isShared() {
      return !sharedPath.isEmpty();
    }
  }

  /**
   * The job's {@code --vf} chain: its text, in which overlay pictures are named by the files the
   * node makes of {@code overlays} ({@link #overlayName}), and the source's colour matrix and range
   * (the names of {@code ColourMatrix} and {@code ColourRange}).
   */
  record Filters(String chain, String matrix, String range, List<byte[]> overlays) {
    static final Filters NONE = new Filters("", "", "", List.of());
    /** The most overlay pictures a chain may carry. */
    static final int MAX_OVERLAYS = 16;

    boolean isEmpty() {
      return chain.isEmpty();
    }

    /** The file name overlay picture {@code i} gets on a node. */
    static String overlayName(int i) {
      return "overlay-" + i + ".png";
    }
  }

  /**
   * @param error null, or why the chunk failed on the node (the reply then has no segment)
   * @param encodeNanos the node's own time for the chunk (decode and encode)
   * @param queueNanos how long the chunk waited in the node's queue for a worker, its bytes there
   * @param firstReadNanos the part of {@code encodeNanos} spent reading up to the chunk's first
   *     frame (a split-off chunk decodes the frames before it), which the job's speed leaves out
   */
  record Reply(String node, String error, long[] framePts, byte[] segment, String sha256, long encodeNanos, long queueNanos,
      long firstReadNanos) {
    /** A reply without a segment: why the chunk was not encoded. */
    static Reply failed(String node, String error) {
      return new Reply(node, error, null, null, null, 0, 0, 0);
    }
  }

  static byte[] write(Request r) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(r.source().bytes().length + 256);
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeInt(FORMAT);
      out.writeUTF(r.job());
      out.writeUTF(r.coordinator());
      Chunk c = r.chunk();
      out.writeInt(c.index());
      out.writeInt(c.firstFrame());
      out.writeInt(c.frameCount());
      out.writeLong(c.startPts());
      out.writeLong(c.endPts());
      out.writeLong(c.seekPts());
      EncodeSettings s = r.settings();
      out.writeUTF(s.codec().cliName());
      out.writeDouble(s.crf());
      out.writeUTF(s.preset());
      out.writeInt(s.codecThreads());
      writePicture(out, s.picture());
      out.writeBoolean(r.acceptDamage());
      writeSource(out, r.source());
      writeFilters(out, r.filters());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }

  private static void writeSource(DataOutputStream out, Source src) throws IOException {
    out.writeUTF(src.container());
    out.writeInt(src.videoIndex());
    out.writeUTF(src.sharedPath());
    out.writeUTF(src.fingerprint());
    writeBytes(out, src.bytes());
  }

  private static void writeFilters(DataOutputStream out, Filters f) throws IOException {
    out.writeUTF(f.chain());
    out.writeUTF(f.matrix());
    out.writeUTF(f.range());
    out.writeInt(f.overlays().size());
    for (byte[] picture : f.overlays()) {
      writeBytes(out, picture);
    }
  }

  static Request readRequest(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      checkFormat(in.readInt());
      String job = in.readUTF();
      String coordinator = in.readUTF();
      Chunk c = new Chunk(in.readInt(), in.readInt(), in.readInt(), in.readLong(), in.readLong(), in.readLong());
      EncodeSettings s = new EncodeSettings(VideoCodec.parse(in.readUTF()), in.readDouble(), in.readUTF(), in.readInt(),
          readPicture(in));
      boolean damage = in.readBoolean();
      return new Request(job, coordinator, c, s, damage, readSource(in), readFilters(in));
    } catch (IOException e) {
      throw new IllegalArgumentException("a malformed chunk request (" + e.getMessage() + ")");
    }
  }

  private static Source readSource(DataInputStream in) throws IOException {
    String container = in.readUTF();
    int video = in.readInt();
    String shared = in.readUTF();
    String fingerprint = in.readUTF();
    byte[] bytes = readBytes(in);
    if (shared.isEmpty() && !container.matches("[a-z0-9]{1,8}")) {
      throw new IllegalArgumentException("bad container name");
    }
    return new Source(container, video, bytes, shared, fingerprint);
  }

  private static Filters readFilters(DataInputStream in) throws IOException {
    String chain = in.readUTF();
    String matrix = in.readUTF();
    String range = in.readUTF();
    int n = in.readInt();
    if (n < 0 || n > Filters.MAX_OVERLAYS) {
      throw new IOException("bad overlay count " + n);
    }
    List<byte[]> overlays = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      overlays.add(readBytes(in));
    }
    return new Filters(chain, matrix, range, List.copyOf(overlays));
  }

  static byte[] write(Reply r) {
    int size = r.segment() == null ? 256 : r.segment().length + 256 + 8 * r.framePts().length;
    ByteArrayOutputStream buf = new ByteArrayOutputStream(size);
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeInt(FORMAT);
      out.writeUTF(r.node());
      out.writeBoolean(r.error() != null);
      if (r.error() != null) {
        out.writeUTF(r.error().length() > 2000 ? r.error().substring(0, 2000) : r.error());
        return buf.toByteArray();
      }
      out.writeInt(r.framePts().length);
      for (long pts : r.framePts()) {
        out.writeLong(pts);
      }
      out.writeUTF(r.sha256());
      out.writeLong(r.encodeNanos());
      out.writeLong(r.queueNanos());
      out.writeLong(r.firstReadNanos());
      writeBytes(out, r.segment());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }

  static Reply readReply(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      checkFormat(in.readInt());
      String node = in.readUTF();
      if (in.readBoolean()) {
        return Reply.failed(node, in.readUTF());
      }
      int n = in.readInt();
      if (n < 0 || n > MAX_BYTES / 8) {
        throw new IOException("bad frame count " + n);
      }
      long[] pts = new long[n];
      for (int i = 0; i < n; i++) {
        pts[i] = in.readLong();
      }
      String sha = in.readUTF();
      long nanos = in.readLong();
      long queue = in.readLong();
      long firstRead = in.readLong();
      byte[] segment = readBytes(in);
      return new Reply(node, null, pts, segment, sha, nanos, queue, firstRead);
    } catch (IOException e) {
      throw new IllegalStateException("a malformed reply from a node (" + e.getMessage() + ")");
    }
  }

  /**
   * The pictures' format: depth, whether settled, tone map, the colour alpha goes over (empty for
   * none), and the HDR metadata's parts, each after a flag.
   */
  private static void writePicture(DataOutputStream out, PictureFormat p) throws IOException {
    out.writeInt(p.depth());
    out.writeBoolean(p.settled());
    out.writeUTF(p.toneMap() == null ? "" : p.toneMap().cliName());
    out.writeUTF(p.alphaOver() == null ? "" : p.alphaOver().hex());
    HdrMetadata hdr = p.hdr();
    MasteringDisplay d = hdr == null ? null : hdr.masteringDisplay();
    out.writeBoolean(d != null);
    if (d != null) {
      for (double v : new double[] {d.redX(), d.redY(), d.greenX(), d.greenY(), d.blueX(), d.blueY(), d.whiteX(), d.whiteY(),
          d.maxLuminance(), d.minLuminance()}) {
        out.writeDouble(v);
      }
    }
    ContentLight c = hdr == null ? null : hdr.contentLight();
    out.writeBoolean(c != null);
    if (c != null) {
      out.writeInt(c.maxCll());
      out.writeInt(c.maxFall());
    }
  }

  private static PictureFormat readPicture(DataInputStream in) throws IOException {
    int depth = in.readInt();
    boolean settled = in.readBoolean();
    String curve = in.readUTF();
    String alphaOver = in.readUTF();
    MasteringDisplay d = null;
    if (in.readBoolean()) {
      double[] v = new double[10];
      for (int i = 0; i < v.length; i++) {
        v[i] = in.readDouble();
      }
      d = new MasteringDisplay(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }
    ContentLight c = in.readBoolean() ? new ContentLight(in.readInt(), in.readInt()) : null;
    return new PictureFormat(depth, new HdrMetadata(d, c), settled, curve.isEmpty() ? null : HdrToSdr.Curve.parse(curve),
        alphaOver.isEmpty() ? null : Background.parse(alphaOver));
  }

  /** {@code b} as {@link #readBytes} reads it back: its length, then its bytes. */
  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_BYTES) {
      throw new IOException("bad length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  private static void checkFormat(int format) throws IOException {
    if (format != FORMAT) {
      throw new IOException("format " + format + ", not " + FORMAT + " (another FrameFork version)");
    }
  }
}
