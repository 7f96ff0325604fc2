package org.framefork.encoder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Debian's {@code ffmpeg} and {@code ffprobe}: an independent decoder that checks what FrameFork
 * writes, and the tool that makes the test inputs.
 */
public final class DebianFfmpeg {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DebianFfmpeg() {}

  public record Result(int exitCode, String out, String err) {}

  public static Result run(List<String> command) {
    try {
      ChildProcess p = ChildProcess.run(command, Duration.ofSeconds(300));
      return new Result(p.exitCode(), p.stdoutText(), p.stderr());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + " (install Debian's ffmpeg package): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code mp4} copied to {@code out} with its video track header's display matrix set to {@code a b
   * c d} (whole numbers, written 16.16), as a camera writes one: Debian's FFmpeg (5.1) has no
   * {@code -display_hflip} to write a mirroring one.
   */
  public static Path withDisplayMatrix(Path mp4, int[] abcd, Path out) throws IOException {
    byte[] bytes = Files.readAllBytes(mp4);
    int tkhd = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("tkhd");
    if (tkhd < 0) {
      throw new IllegalArgumentException(mp4 + " has no track header");
    }
    int version = bytes[tkhd + 4];
    // After the type: version and flags, times, track id, reserved, duration, reserved (8), layer,
    // alternate group, volume, reserved; then the matrix a b u c d v x y w.
    int matrix = tkhd + 4 + 4 + (version == 1 ? 32 : 20) + 8 + 8;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
    b.putInt(matrix, abcd[0] << 16).putInt(matrix + 4, abcd[1] << 16).putInt(matrix + 12, abcd[2] << 16)
        .putInt(matrix + 16, abcd[3] << 16);
    return Files.write(out, bytes);
  }

  /**
   * Writes {@code ts}, an MPEG-TS of 64x64 h264 pictures (lavfi's testsrc, {@code rateAndLength} as
   * {@code r=25:d=1}) as a recording cut inside a group of pictures: keyframes every {@code gop}
   * frames, {@code bframes} B-frames, and its first packet (the keyframe, with the stream's
   * headers) taken out, so that the pictures before the next keyframe refer to one it does not hold.
   */
  public static Path mpegTsCutInsideAGop(Path ts, String rateAndLength, int gop, int bframes) {
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=64x64:" + rateAndLength, "-c:v", "libx264", "-g", String.valueOf(gop), "-bf",
        String.valueOf(bframes), "-pix_fmt", "yuv420p", "-sc_threshold", "0", "-bsf:v", "noise=drop=eq(n\\,0)", "-f", "mpegts", ts.toString());
    return ts;
  }

  /**
   * Writes {@code ts}, an MPEG-TS of 64x64 MPEG-2 pictures (lavfi's testsrc, {@code rateAndLength}
   * as {@code r=25:d=12}) in open groups of 15 with 2 B-pictures (FFmpeg's MPEG-2 default, as DVB
   * broadcasts), as a recording cut at an arbitrary point: the first {@code fraction} of its bytes
   * taken off, at a 188-byte packet's start. The pictures before the first I, and the B-pictures
   * after it that are shown before it, refer to pictures it does not hold.
   */
  public static Path mpeg2TsCutInsideAnOpenGop(Path ts, String rateAndLength, double fraction) throws IOException {
    Path whole = ts.resolveSibling("whole-" + ts.getFileName());
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=64x64:" + rateAndLength, "-c:v", "mpeg2video", "-g", "15", "-bf", "2",
        "-f", "mpegts", whole.toString());
    byte[] b = Files.readAllBytes(whole);
    int from = (int) (b.length * fraction) / 188 * 188;
    Files.delete(whole);
    return Files.write(ts, Arrays.copyOfRange(b, from, b.length));
  }

  /**
   * Writes {@code mpg}, an MPEG-PS (DVD's VOB) of 64x64 MPEG-2 pictures (lavfi's testsrc, {@code
   * rateAndLength} as {@code r=25:d=12}) in open groups of 12 with 2 B-pictures, as a recording cut
   * at an arbitrary byte: the first {@code fraction} of its bytes taken off. Its I and P pictures
   * carry no presentation time (the B-pictures do), the first keyframe included; the pictures before
   * it, and the B-pictures after it shown before it, refer to pictures it does not hold.
   */
  public static Path mpeg2PsCutInsideAnOpenGop(Path mpg, String rateAndLength, double fraction) throws IOException {
    Path whole = mpg.resolveSibling("whole-" + mpg.getFileName());
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=64x64:" + rateAndLength, "-c:v", "mpeg2video", "-g", "12", "-bf", "2",
        "-f", "vob", whole.toString());
    byte[] b = Files.readAllBytes(whole);
    Files.delete(whole);
    return Files.write(mpg, Arrays.copyOfRange(b, (int) (b.length * fraction) + 1, b.length));
  }

  /** The MD5 of each video frame Debian's decoder returns of {@code file}, in order (its {@code framemd5}). */
  public static List<String> frameMd5s(Path file) {
    Result r = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0:v:0", "-fps_mode",
        "passthrough", "-f", "framemd5", "-"));
    if (r.exitCode() != 0) {
      throw new IllegalStateException("ffmpeg's framemd5 failed on " + file + ": " + r.err());
    }
    return r.out().lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(l.lastIndexOf(',') + 1).trim()).toList();
  }

  /** Runs {@code ffmpeg -y -v error ARGS} and fails loudly when it does. */
  public static void ffmpeg(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
    cmd.addAll(Arrays.asList(args));
    Result r = run(cmd);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("ffmpeg failed: " + String.join(" ", cmd) + "\n" + r.err());
    }
  }

  /**
   * ffprobe's values of {@code entries} (e.g. {@code stream=nb_read_frames}, {@code frame=key_frame},
   * {@code format_tags=title}), one per line: each element's values in the order the entries name
   * them. Read from ffprobe's JSON.
   */
  public static String probe(Path file, String streams, String entries, boolean countFrames) {
    List<String> args = new ArrayList<>();
    if (countFrames) {
      args.add("-count_frames");
    }
    if (streams != null) {
      args.addAll(List.of("-select_streams", streams));
    }
    args.addAll(List.of("-show_entries", entries));
    JsonNode json = probeJson(file, args.toArray(String[]::new));
    List<String> values = new ArrayList<>();
    int eq = entries.indexOf('=');
    String section = entries.substring(0, eq);
    List<String> keys = List.of(entries.substring(eq + 1).split(","));
    for (JsonNode element : sectionElements(json, section)) {
      for (String key : keys) {
        JsonNode v = element.get(key);
        if (v != null) {
          values.add(v.asText());
        }
      }
    }
    return String.join("\n", values);
  }

  /** ffprobe's whole answer ({@code -of json}) for {@code args} on {@code file}. */
  public static JsonNode probeJson(Path file, String... args) {
    List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error", "-of", "json"));
    cmd.addAll(Arrays.asList(args));
    cmd.add(file.toString());
    Result r = run(cmd);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("ffprobe failed on " + file + ": " + r.err());
    }
    try {
      return JSON.readTree(r.out());
    } catch (IOException e) {
      throw new IllegalStateException("ffprobe's JSON for " + file + " does not parse: " + e.getMessage(), e);
    }
  }

  /**
   * The objects that hold a section's keys: {@code stream} -> each of {@code streams}, {@code
   * format_tags} -> {@code format.tags}, {@code stream_side_data} -> each stream's side data, ...
   */
  private static List<JsonNode> sectionElements(JsonNode json, String section) {
    List<JsonNode> out = new ArrayList<>();
    switch (section) {
      case "format" -> out.add(json.path("format"));
      case "format_tags" -> out.add(json.path("format").path("tags"));
      case "stream", "frame", "packet", "chapter", "program" -> json.path(section + "s").forEach(out::add);
      case "stream_tags", "frame_tags", "chapter_tags" -> json.path(section.replace("_tags", "s"))
          .forEach(e -> out.add(e.path("tags")));
      case "stream_side_data", "frame_side_data" -> json.path(section.replace("_side_data", "s"))
          .forEach(e -> e.path("side_data_list").forEach(out::add));
      default -> throw new IllegalArgumentException("no JSON mapping for ffprobe section " + section);
    }
    return out;
  }

  /**
   * Writes to {@code cut} the start of {@code whole}, up to the middle of its video packet {@code
   * packet} (1-based, in file order), as an unfinished copy or download ends: that packet is read in
   * part, those after it not at all. Returns {@code cut}.
   */
  public static Path cutInsidePacket(Path whole, int packet, Path cut) throws IOException {
    long[] inside = videoPackets(whole).get(packet - 1);
    byte[] bytes = Files.readAllBytes(whole);
    return Files.write(cut, Arrays.copyOf(bytes, (int) (inside[0] + inside[1] / 2)));
  }

  /** Where each video packet of {@code file} lies, in file order: its position and size in bytes. */
  public static List<long[]> videoPackets(Path file) {
    JsonNode packets = probeJson(file, "-select_streams", "v:0", "-show_entries", "packet=pos,size").path("packets");
    List<long[]> byPosition = new ArrayList<>();
    packets.forEach(p -> byPosition.add(new long[] {p.path("pos").asLong(), p.path("size").asLong()}));
    byPosition.sort((a, b) -> Long.compare(a[0], b[0]));
    return byPosition;
  }

  /**
   * Writes to {@code whole} 5 s of 320x240 H.264 at 25 fps (125 frames, with B-frames, a keyframe
   * every 20, the index first as web exports write it), and to {@code cut} its start up to the
   * middle of its 100th packet: the header still declares 125 frames, ffprobe reads 100 packets and
   * decodes 99 of them (checked). Returns {@code cut}.
   */
  public static Path mp4CutInsideItsPacket100(Path whole, Path cut) throws IOException {
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=5", "-c:v", "libx264", "-preset", "veryfast", "-g",
        "20", "-pix_fmt", "yuv420p", "-movflags", "+faststart", whole.toString());
    cutInsidePacket(whole, 100, cut);
    long[] read = packetsAndFrames(cut);
    if (read[0] != 100 || read[1] != 99) {
      throw new IllegalStateException(cut + ": ffprobe reads " + read[0] + " packets and decodes " + read[1]
          + " frames, not 100 and 99: the cut is not inside the last packet read");
    }
    return cut;
  }

  /** Video packets Debian's ffprobe reads from {@code file}, and the frames its decoder returns of them. */
  public static long[] packetsAndFrames(Path file) {
    JsonNode s = probeJson(file, "-count_packets", "-count_frames", "-select_streams", "v:0", "-show_entries",
        "stream=nb_read_packets,nb_read_frames").path("streams").path(0);
    return new long[] {s.path("nb_read_packets").asLong(-1), s.path("nb_read_frames").asLong(-1)};
  }

  /** Frames Debian's decoder returns for the first video stream. */
  public static long decodedFrames(Path file) {
    return Long.parseLong(probe(file, "v:0", "stream=nb_read_frames", true).lines().findFirst().orElse("-1"));
  }

  /** Presentation times (seconds) of every video frame Debian's decoder returns, in order. */
  public static List<Double> frameTimes(Path file) {
    String s = probe(file, "v:0", "frame=pts_time", false);
    return s.lines().filter(l -> !l.isBlank() && !l.equals("N/A")).map(Double::parseDouble).toList();
  }

  /** Empty when the file decodes without a single error; the errors otherwise. */
  public static String decodeErrors(Path file) {
    Result r = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i", file.toString(), "-f", "null", "-"));
    return r.exitCode() == 0 ? r.err().trim() : ("exit " + r.exitCode() + ": " + r.err().trim());
  }

  /** Like {@link #decodeErrors} for the first video stream alone. */
  public static String videoDecodeErrors(Path file) {
    Result r = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i", file.toString(), "-map", "0:v:0", "-f", "null", "-"));
    return r.exitCode() == 0 ? r.err().trim() : ("exit " + r.exitCode() + ": " + r.err().trim());
  }

  /** Mean SSIM and PSNR (all planes) of {@code distorted} against {@code reference}, via FFmpeg's filters. */
  public static double[] ssimPsnr(Path distorted, Path reference) {
    Result r = run(List.of("ffmpeg", "-nostdin", "-v", "info", "-i", distorted.toString(), "-i", reference.toString(),
        "-lavfi", "[0:v]split[a][b];[1:v]split[c][d];[a][c]ssim;[b][d]psnr", "-f", "null", "-"));
    double ssim = Double.NaN;
    double psnr = Double.NaN;
    for (String line : r.err().split("\n")) {
      int i = line.indexOf("SSIM ");
      if (i >= 0 && line.contains("All:")) {
        ssim = Double.parseDouble(line.substring(line.indexOf("All:") + 4).trim().split(" ")[0]);
      }
      if (line.contains("PSNR ") && line.contains("average:")) {
        String v = line.substring(line.indexOf("average:") + 8).trim().split(" ")[0];
        psnr = v.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v);
      }
    }
    return new double[] {ssim, psnr};
  }

  /**
   * PSNR (all planes, FFmpeg's {@code average}) of two videos' 8-bit 4:2:0 samples as their
   * decoders put them out, each given as ffmpeg's input arguments: yuvj420p and yuv420p alike (one
   * layout), decoded to raw files in {@code workDir} first, so that no conversion between the two
   * formats (which the psnr filter would insert) moves the levels of either.
   */
  public static double samplePsnr(List<String> distorted, List<String> reference, int width, int height, Path workDir) {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "info"));
    for (List<String> input : List.of(distorted, reference)) {
      Path raw = workDir.resolve("samples-" + (input == distorted ? "distorted" : "reference") + ".yuv");
      List<String> decode = new ArrayList<>(input);
      decode.addAll(List.of("-f", "rawvideo", raw.toString()));
      ffmpeg(decode.toArray(String[]::new));
      cmd.addAll(List.of("-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", width + "x" + height, "-i", raw.toString()));
    }
    cmd.addAll(List.of("-lavfi", "psnr", "-f", "null", "-"));
    Result r = run(cmd);
    int at = r.err().indexOf("average:");
    if (at < 0) {
      throw new IllegalStateException("no PSNR from ffmpeg: " + r.err());
    }
    String v = r.err().substring(at + 8).trim().split(" ")[0];
    return v.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v);
  }

  /**
   * The CRF the encoder wrote into the stream's settings message (x264 and x265 both record their
   * options there), read from the bitstream that Debian's ffmpeg extracts.
   */
  public static double encoderCrf(Path file) {
    String codec = probe(file, "v:0", "stream=codec_name", false).strip();
    Result r = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0:v:0", "-c", "copy",
        "-bsf:v", codec + "_mp4toannexb", "-frames:v", "1", "-f", codec.equals("hevc") ? "hevc" : "h264", "-"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("crf=([0-9.]+)").matcher(r.out());
    if (!m.find()) {
      throw new IllegalStateException("no crf= in " + file + "'s encoder settings message: " + r.err());
    }
    return Double.parseDouble(m.group(1));
  }
}
