package org.framefork.bench.pipeline;

import static org.framefork.bench.pipeline.Figures.f;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The report folder: report.md (the machine, one line per claim, a section per measurement with its
 * table and charts), results.json (the same figures as data) and the raw CSVs the sections wrote.
 */
public final class BenchReport {
  /**
   * What was run on what.
   *
   * @param loadAtEnd 1-minute load average when the last measurement ended
   * @param hasAudio whether the input has an audio stream (the engine copies it by default)
   */
  public record RunInfo(String date, String started, double minutes, boolean quick, String command, String commit, String input,
      String inputDescription, long frames, double durationSeconds, String codec, String preset, int crf, int repeat,
      int maxWorkers, String systemFfmpeg, double loadAtEnd, boolean hasAudio) {}

  private BenchReport() {}

  /** Writes report.md, runs.csv and results.json into {@code out}, beside the sections' own files. */
  public static void write(Path out, Machine machine, RunInfo run, List<Section> sections, RawTrials raw) throws IOException {
    List<Claim> claims = sections.stream().flatMap(s -> s.claims().stream()).toList();
    StringBuilder md = new StringBuilder();
    md.append("# FrameFork bench: ").append(run.date()).append(", ").append(machine.host()).append("\n\n");
    if (run.quick()) {
      md.append("> **Quick run** (`--quick`): every measurement ran briefly on a ")
          .append(f(run.durationSeconds(), 1)).append("-second clip at preset ")
          .append(run.preset()).append(", one run each, with tiny JMH passes. It checks that the harness works;")
          .append(" its figures are not evidence for or against any claim.\n\n");
    }
    md.append("## Machine and run\n\n").append(machineTable(machine, run)).append('\n');
    md.append("## Claims\n\n").append(claimsSummary(claims, run.quick()));
    for (Section s : sections) {
      md.append("## ").append(s.title()).append("\n\n").append(s.markdown().strip()).append("\n\n");
    }
    md.append("## Raw data\n\n").append(rawDataList(out));
    Files.writeString(out.resolve("runs.csv"), raw.csv());
    Files.writeString(out.resolve("report.md"), md.toString());
    writeJson(out, machine, run, claims, sections);
  }

  private static MarkdownTable machineTable(Machine machine, RunInfo run) {
    MarkdownTable m = new MarkdownTable("", "");
    m.row("CPU", machine.cpuModel() + " (" + machine.vectorExtensions() + ")");
    m.row("cores", machine.cores() + " (as the JVM sees them)");
    m.row("memory", machine.memoryBytes() > 0 ? f(machine.memoryBytes() / (double) (1L << 30), 1) + " GiB" : "unknown");
    m.row("OS", machine.os());
    m.row("JDK", machine.jdk());
    m.row("FFmpeg (engine)", machine.ffmpeg() + " (bytedeco, av_version_info)");
    m.row("FFmpeg (system)", run.systemFfmpeg());
    m.row("kernels", machine.kernels());
    m.row("load average (1 min)", f(machine.loadAtStart(), 2) + " at the start, " + f(run.loadAtEnd(), 2)
        + " at the end (above 0.5 means something else ran: every wall time is longer)");
    m.row("date", run.started() + ", " + f(run.minutes(), 1) + " minutes");
    m.row("code", run.commit().startsWith("unknown") ? run.commit() : "commit " + run.commit());
    m.row("command", code(run.command()));
    m.row("input", code(run.input()) + ": " + run.inputDescription());
    m.row("encoding", run.codec() + ", preset " + run.preset() + ", CRF " + run.crf() + (run.hasAudio()
        ? ", audio as the engine's default (copied where the container holds it)" : ", no audio"));
    m.row("repeats", run.repeat() + " run(s) per configuration, interleaved; medians reported");
    return m;
  }

  /** How many claims were borne out, then each claim's line. */
  private static String claimsSummary(List<Claim> claims, boolean quick) {
    StringBuilder md = new StringBuilder();
    long yes = claims.stream().filter(c -> c.verdict() == Claim.Verdict.YES).count();
    long no = claims.stream().filter(c -> c.verdict() == Claim.Verdict.NO).count();
    long none = claims.size() - yes - no;
    md.append(yes).append(" borne out, ").append(no).append(" not, ").append(none).append(" not measured")
        .append(quick ? " (quick run: indicative only)" : "").append(".\n\n");
    for (Claim c : claims) {
      md.append(c.line()).append('\n');
    }
    return md.append('\n').toString();
  }

  /** A link to each raw file in {@code out}, and to runs.csv and results.json, written after this list. */
  private static String rawDataList(Path out) throws IOException {
    StringBuilder md = new StringBuilder();
    try (Stream<Path> files = Files.list(out)) {
      List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".csv") || n.endsWith(".json") || n.endsWith(".md") && !n.equals("report.md")).sorted().toList());
      names.add("runs.csv");
      names.add("results.json");
      for (String n : names.stream().distinct().sorted().toList()) {
        md.append("- [").append(n).append("](").append(n).append(")").append(describe(n)).append('\n');
      }
    }
    return md.toString();
  }

  private static void writeJson(Path out, Machine machine, RunInfo run, List<Claim> claims, List<Section> sections)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", machine);
    json.put("run", run);
    json.put("claims", claims);
    Map<String, Object> data = new LinkedHashMap<>();
    for (Section s : sections) {
      data.put(s.key(), s.data());
    }
    json.put("sections", data);
    jsonMapper().writeValue(out.resolve("results.json").toFile(), json);
  }

  /**
   * The mapper for results.json: indented, and a figure that is not a number (NaN, an infinity: a
   * join time that was not measured, a Karp-Flatt of one worker) is null, not the string "NaN".
   */
  static ObjectMapper jsonMapper() {
    com.fasterxml.jackson.databind.JsonSerializer<Double> notANumberAsNull = new com.fasterxml.jackson.databind.JsonSerializer<>() {
      @Override
      public void serialize(Double d, com.fasterxml.jackson.core.JsonGenerator g,
          com.fasterxml.jackson.databind.SerializerProvider p) throws IOException {
        if (d.isNaN() || d.isInfinite()) {
          g.writeNull();
        } else {
          g.writeNumber(d);
        }
      }
    };
    com.fasterxml.jackson.databind.module.SimpleModule m = new com.fasterxml.jackson.databind.module.SimpleModule();
    m.addSerializer(Double.class, notANumberAsNull);
    m.addSerializer(double.class, notANumberAsNull);
    return new ObjectMapper().registerModule(m).enable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * {@code text} as a markdown code span that a backtick in it does not end: fenced by one backtick
   * more than its longest run of them (a quoted command may hold some).
   */
  static String code(String text) {
    int longest = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("`+").matcher(text);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    String fence = "`".repeat(longest + 1);
    String pad = longest > 0 ? " " : "";
    return fence + pad + text + pad + fence;
  }

  private static String describe(String name) {
    return switch (name) {
      case "runs.csv" -> ": every timed encode, in the order it ran";
      case "results.json" -> ": the machine, the claims and every section's figures";
      case "kernels.md" -> ": the kernel benchmark report";
      default -> "";
    };
  }
}
