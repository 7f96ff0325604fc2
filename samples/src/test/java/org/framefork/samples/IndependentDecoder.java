package org.framefork.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.testing.ChildProcess;

/**
 * The system's own ffprobe and ffmpeg (Debian's), run as separate processes: a second opinion on
 * our files from a decoder that shares nothing with the generator but the file.
 */
final class IndependentDecoder {
  private IndependentDecoder() {}

  /** Fails (never skips) without them: a test that checks nothing must not pass. */
  static void requireInstalled() {
    assertTrue(find("ffprobe") != null && find("ffmpeg") != null,
        "ffprobe and ffmpeg are not on the PATH; install Debian's ffmpeg package (apt-get install ffmpeg)");
  }

  private static Path find(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  static String run(String... command) throws IOException, InterruptedException {
    return ChildProcess.run(List.of(command), Duration.ofSeconds(60)).requireSuccess().stdoutText();
  }

  static JsonNode streams(Path file) throws IOException, InterruptedException {
    String json = run("ffprobe", "-v", "error", "-show_entries",
        "stream=index,codec_type,codec_name,width,height,pix_fmt,r_frame_rate,sample_rate,channels,duration",
        "-of", "json", file.toString());
    return new ObjectMapper().readTree(json).get("streams");
  }

  static JsonNode stream(Path file, String type) throws IOException, InterruptedException {
    for (JsonNode s : streams(file)) {
      if (type.equals(s.get("codec_type").asText())) {
        return s;
      }
    }
    return null;
  }

  /** Frames the decoder returns, counted by decoding them all. */
  static int decodedFrameCount(Path file) throws IOException, InterruptedException {
    return Integer.parseInt(run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
        "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).trim());
  }

  /** Display-order indices of the decoded frames that are keyframes. */
  static List<Integer> keyframes(Path file) throws IOException, InterruptedException {
    String json = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=key_frame",
        "-of", "json", file.toString());
    List<Integer> keys = new ArrayList<>();
    int index = 0;
    for (JsonNode frame : new ObjectMapper().readTree(json).get("frames")) {
      if (frame.get("key_frame").asInt() == 1) {
        keys.add(index);
      }
      index++;
    }
    return keys;
  }

  /** One MD5 per decoded frame (or audio packet) of the chosen stream, as ffmpeg's framemd5 muxer writes them. */
  static String frameMd5(Path file, String streamMap) throws IOException, InterruptedException {
    String all = run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", streamMap, "-f", "framemd5", "-");
    StringBuilder b = new StringBuilder();
    for (String line : all.split("\n")) {
      if (!line.startsWith("#")) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }
}
