package org.framefork.samples;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.framefork.encoder.cli.ShellWords;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.media.Rational;
import org.framefork.samples.output.VideoSettings;
import org.framefork.samples.script.SceneLength;

/** Everything that decides a sample clip; the same spec always gives the same clip. */
public record SampleSpec(
    Path output,
    int width,
    int height,
    Rational fps,
    BigDecimal durationSeconds,
    long seed,
    SceneLength sceneLength,
    VideoSettings video,
    boolean audio,
    double grain) {

  /** The problems a user can fix, one sentence each; empty when the spec is usable. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (width < 16 || height < 16 || width > 8192 || height > 8192 || (width & 1) != 0 || (height & 1) != 0) {
      p.add("width and height must be even numbers from 16 to 8192 (4:2:0 video), not " + width + "x" + height);
    }
    if (!fps.isValid() || fps.toDouble() > 1000) {
      p.add("--fps must be a positive rate up to 1000, not " + fps);
    }
    if (durationSeconds.signum() <= 0 || durationSeconds.compareTo(BigDecimal.valueOf(24 * 3600)) > 0) {
      p.add("--duration must be more than 0 and at most a day of seconds, not " + durationSeconds.toPlainString());
    }
    if (fps.isValid() && sceneLength.minSeconds() * fps.toDouble() < 2) {
      p.add("--scene-length must be at least two frames long");
    }
    int maxCrf = maxCrf(video.encoder());
    if (video.crf() < 0 || video.crf() > maxCrf) {
      p.add("--crf must be from 0 to " + maxCrf + " for " + video.encoder() + ", not " + video.crf());
    }
    if (video.gop() < 1) {
      p.add("--gop must be at least 1 frame, not " + video.gop());
    }
    if (video.threads() < 0) {
      p.add("--threads must be 0 (the encoder's choice) or more, not " + video.threads());
    }
    if (!(grain >= 0 && grain <= 32)) {
      p.add("--grain must be from 0 to 32, not " + grain);
    }
    String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(name.endsWith(".mp4") || name.endsWith(".mkv") || name.endsWith(".mov"))) {
      p.add("-o " + output + ": end the name in .mp4, .mkv or .mov");
    }
    return p;
  }

  /** The highest CRF {@code encoder} takes: the engine's codec's (51 for x264 and x265), else 63 (libvpx, libaom, ...). */
  static int maxCrf(String encoder) {
    return Arrays.stream(VideoCodec.values()).filter(c -> c.encoderName().equals(encoder)).mapToInt(VideoCodec::maxCrf)
        .findFirst().orElse(63);
  }

  /** Duration times rate, rounded to the nearest frame; at least one. */
  public int frameCount() {
    BigDecimal frames = durationSeconds.multiply(BigDecimal.valueOf(fps.num()))
        .divide(BigDecimal.valueOf(fps.den()), 0, RoundingMode.HALF_UP);
    return Math.max(1, frames.intValueExact());
  }

  /** The sidecar's path: {@code clip.mp4} has {@code clip.cuts.json}. */
  public static Path sidecarFor(Path video) {
    String name = video.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return video.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".cuts.json");
  }

  /** The command that makes this clip again, every option spelled out. */
  public String command() {
    StringBuilder b = new StringBuilder("./framefork samples");
    b.append(" -o ").append(ShellWords.quote(output.toString().replace('\\', '/')));
    b.append(" --width ").append(width).append(" --height ").append(height);
    b.append(" --fps ").append(fps.den() == 1 ? Long.toString(fps.num()) : fps.toString());
    b.append(" --duration ").append(durationSeconds.stripTrailingZeros().toPlainString());
    b.append(" --seed ").append(seed);
    b.append(" --scene-length ").append(sceneLength);
    b.append(" --codec ").append(ShellWords.quote(video.encoder())).append(" --crf ").append(video.crf());
    if (video.preset() != null) {
      b.append(" --preset ").append(ShellWords.quote(video.preset()));
    }
    b.append(" --gop ").append(video.gop()).append(" --threads ").append(video.threads());
    b.append(" --grain ").append(String.format(Locale.ROOT, "%s", grain));
    if (!audio) {
      b.append(" --no-audio");
    }
    return b.toString();
  }

  /**
   * Parses a frame rate: {@code 30}, {@code 12.5}, {@code 30000/1001}, or the NTSC decimals
   * ({@code 23.976}, {@code 29.97}, {@code 59.94}, ...) which mean their exact /1001 rates.
   */
  public static Rational parseFrameRate(String text) {
    String t = text.trim();
    try {
      int slash = t.indexOf('/');
      if (slash >= 0) {
        long num = Long.parseLong(t.substring(0, slash).trim());
        long den = Long.parseLong(t.substring(slash + 1).trim());
        return reduced(BigInteger.valueOf(num), BigInteger.valueOf(den), text);
      }
      BigDecimal d = new BigDecimal(t);
      for (long base : new long[] {24, 30, 48, 60, 120, 240}) {
        BigDecimal ntsc = BigDecimal.valueOf(base * 1000).divide(BigDecimal.valueOf(1001), 10, RoundingMode.HALF_UP);
        if (d.scale() >= 2 && ntsc.setScale(d.scale(), d.scale() > 2 ? RoundingMode.DOWN : RoundingMode.HALF_UP).compareTo(d) == 0) {
          return new Rational(base * 1000, 1001);
        }
      }
      BigDecimal s = d.stripTrailingZeros();
      if (s.scale() <= 0) {
        return reduced(s.toBigIntegerExact(), BigInteger.ONE, text);
      }
      return reduced(s.unscaledValue(), BigInteger.TEN.pow(s.scale()), text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("frame rate '" + text + "' is not a number or a fraction like 30000/1001");
    }
  }

  private static Rational reduced(BigInteger num, BigInteger den, String text) {
    if (num.signum() <= 0 || den.signum() <= 0) {
      throw new IllegalArgumentException("frame rate '" + text + "' must be positive");
    }
    BigInteger g = num.gcd(den);
    num = num.divide(g);
    den = den.divide(g);
    if (num.bitLength() > 31 || den.bitLength() > 31) {
      throw new IllegalArgumentException("frame rate '" + text + "' is too precise; write it as a fraction like 30000/1001");
    }
    return new Rational(num.longValue(), den.longValue());
  }
}
