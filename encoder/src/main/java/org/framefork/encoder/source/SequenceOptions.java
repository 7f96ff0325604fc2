package org.framefork.encoder.source;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.media.Rational;

/**
 * How an image sequence is read: its rate ({@code --fps}, null for {@link #DEFAULT_RATE}), its
 * first number ({@code --start-number}, null for the lowest found), whether missing numbers are
 * taken ({@code --allow-gaps}: the frame before is held), the colour transparent pixels are
 * composited over ({@code --alpha-over}, null drops alpha) and a separate audio file ({@code
 * --audio-file}, null for none). Video inputs refuse all of it ({@link #givenOptions}, the audio file)
 * but {@code --alpha-over}, which composites a video's pictures too.
 */
public record SequenceOptions(Rational rate, Integer startNumber, boolean allowGaps, Background alphaOver,
    Path audioFile) {
  /** The rate of an image sequence nobody gave one: 24 frames a second, film's. */
  public static final Rational DEFAULT_RATE = new Rational(24, 1);

  public static SequenceOptions defaults() {
    return new SequenceOptions(null, null, false, null, null);
  }

  /**
   * {@code --fps}'s rate: a whole or decimal number ({@code 24}, {@code 23.976}, the NTSC rates
   * read as their exact fractions) or a fraction ({@code 30000/1001}).
   */
  public static Rational parseRate(String text) {
    String t = text.trim();
    try {
      int slash = t.indexOf('/');
      Rational r = slash > 0
          ? new Rational(Long.parseLong(t.substring(0, slash).trim()), Long.parseLong(t.substring(slash + 1).trim()))
          : decimal(t);
      if (r.num() <= 0 || r.den() <= 0 || r.toDouble() > 1000 || r.num() > Integer.MAX_VALUE || r.den() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException();
      }
      long g = BigInteger.valueOf(r.num()).gcd(BigInteger.valueOf(r.den())).longValue();
      return new Rational(r.num() / g, r.den() / g);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--fps " + text + ": give frames a second, more than 0 and at most 1000, as "
          + "24, 23.976 or 30000/1001");
    }
  }

  /** A decimal rate as a fraction; the NTSC rates, written rounded, as the exact ones they stand for. */
  private static Rational decimal(String t) {
    switch (t) {
      case "23.976", "23.98" -> {
        return new Rational(24000, 1001);
      }
      case "29.97" -> {
        return new Rational(30000, 1001);
      }
      case "59.94" -> {
        return new Rational(60000, 1001);
      }
      default -> {
        BigDecimal d = new BigDecimal(t).stripTrailingZeros();
        return d.scale() <= 0 ? new Rational(d.longValueExact(), 1)
            : new Rational(d.unscaledValue().longValueExact(), BigInteger.TEN.pow(d.scale()).longValueExact());
      }
    }
  }

  /** The same options without the audio file: for a job that writes no audio, which reads none either. */
  public SequenceOptions withoutAudioFile() {
    return new SequenceOptions(rate, startNumber, allowGaps, alphaOver, null);
  }

  /**
   * The flags given that only an image sequence takes: among {@code --fps}, {@code --start-number}
   * and {@code --allow-gaps} ({@code --alpha-over} composites a video's pictures too).
   */
  public List<String> givenOptions() {
    List<String> given = new ArrayList<>();
    if (rate != null) {
      given.add("--fps");
    }
    if (startNumber != null) {
      given.add("--start-number");
    }
    if (allowGaps) {
      given.add("--allow-gaps");
    }
    return given;
  }

  /** The rate the sequence plays at. */
  public Rational rateOrDefault() {
    return rate == null ? DEFAULT_RATE : rate;
  }
}
