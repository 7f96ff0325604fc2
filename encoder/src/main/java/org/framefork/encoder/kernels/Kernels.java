package org.framefork.encoder.kernels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.framefork.encoder.kernels.colour.ColourConverter;
import org.framefork.encoder.kernels.colour.PlainColourConverter;
import org.framefork.encoder.kernels.filter.PlaneFilter;
import org.framefork.encoder.kernels.filter.PlainPlaneFilter;
import org.framefork.encoder.kernels.metric.PlainPlaneMetrics;
import org.framefork.encoder.kernels.metric.PlaneMetrics;
import org.framefork.encoder.kernels.scale.PlainPlaneScaler;
import org.framefork.encoder.kernels.scale.PlaneScaler;

/**
 * One set of frame kernels, plain Java, Vector API or a mix by kernel family, and the provider
 * that picks them. {@code vectorBits} is the vector size of the set's Vector API kernels, 0 for
 * plain Java.
 *
 * <p>Two questions, two answers. Whether this JVM can run the Vector API kernels at all (the
 * module, C2, vectors of at least 128 bits, no {@code -Dframefork.simd=false}) is decided once,
 * Lucene-style ({@link KernelSelection}, {@link #choice()}). Whether a job should use them is the
 * work-size rule ({@link #forWork}): in a fresh JVM they run interpreted and boxed until C2 has
 * compiled them, far slower than plain Java, and only a job with enough frames repays that
 * warm-up; each family has its measured break-even ({@link Family#breakEven()}). {@link #get()}
 * is the answer for work of unknown size.
 *
 * <p>The Vector API classes live next to their plain twins but are reached only through {@link
 * VectorKernels}, which this class loads reflectively, only after checking that the {@code
 * jdk.incubator.vector} module is in the boot layer, and only when a set with Vector API kernels is
 * asked for: without {@code --add-modules jdk.incubator.vector} no class that names the module is
 * ever loaded, and the plain set works.
 */
public record Kernels(
    String name,
    int vectorBits,
    ColourConverter colour,
    PlaneScaler scaler,
    PlaneFilter filter,
    PlaneMetrics metrics) {

  /**
   * {@code -Dframefork.simd}: {@code false} forces the plain kernels, {@code true} the Vector API
   * kernels for every job (where this JVM can run them); unset, {@link #forWork} weighs each job.
   */
  public static final String SIMD_PROPERTY = "framefork.simd";
  /** {@code -Dframefork.simd.log=true} prints the provider's choices to stderr. */
  public static final String LOG_PROPERTY = "framefork.simd.log";

  public Kernels {
    Objects.requireNonNull(name, "name");
    if (vectorBits < 0) {
      throw new IllegalArgumentException("vectorBits must be 0 (plain) or a vector size, not " + vectorBits);
    }
    Objects.requireNonNull(colour, "colour");
    Objects.requireNonNull(scaler, "scaler");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The four kinds of kernel, which the work-size rule weighs each on its own. */
  public enum Family {
    COLOUR("colour"),
    SCALE("scale"),
    FILTER("filter"),
    METRICS("metric");

    private final String label;

    Family(String label) {
      this.label = label;
    }

    /**
     * Work from which this family's Vector API kernels repay their warm-up in a fresh JVM, in
     * samples (frames times luma pixels) of the family's reference {@link Operation}, the one of
     * weight 1: the break-even measured with bench's {@code BreakEven} in CPU time (JIT threads
     * included), the largest of 720p and 1080p with 512- and 256-bit vectors, rounded up. At 1080p
     * that is about 580 frames of colour conversion, 1350 of the scene analysis's halving, 530 of
     * denoise (45 of blur) and 480 of PSNR and SSIM; see
     * bench/results/kernel-break-even-2026-12-06.md.
     */
    public long breakEven() {
      return switch (this) {
        case COLOUR -> 1_200_000_000L;
        case SCALE -> 2_800_000_000L;
        case FILTER -> 1_100_000_000L;
        case METRICS -> 1_000_000_000L;
      };
    }

    String label() {
      return label;
    }
  }

  /**
   * What callers do with the kernels, frame after frame: each operation's samples count towards
   * its family's work times its weight, the family's break-even over the operation's own (as
   * measured), so that one threshold per family serves all its operations.
   */
  public enum Operation {
    /** BGR24 or RGBA to YUV 4:2:0 and back. */
    CONVERT(Family.COLOUR, 1),
    /**
     * HDR10 to SDR tone mapping: BreakEven measured 71 Mpx at 1080p with 512-bit vectors (34
     * frames; a frame costs far more than a conversion). Weight 8 puts the rule at 150 Mpx, twice
     * that, for the sizes and vector widths not measured.
     */
    TONE_MAP(Family.COLOUR, 8),
    /** The scene analysis's chain of 2:1 halvings (reference of the scale family). */
    HALVE(Family.SCALE, 1),
    /** Bilinear resizing of the three planes (the scale filter): break-even 2.4 times sooner. */
    BILINEAR(Family.SCALE, 2),
    /** Temporal denoise of the three planes (reference of the filter family). */
    DENOISE(Family.FILTER, 1),
    /** Gaussian blur or unsharp mask of the three planes: break-even 12 times sooner than denoise. */
    BLUR(Family.FILTER, 12),
    /** PSNR and SSIM of the three planes (reference of the metric family). */
    PSNR_SSIM(Family.METRICS, 1),
    /** SAD of one plane (the scene analysis's small pictures), counted like PSNR and SSIM. */
    SAD(Family.METRICS, 1);

    private final Family family;
    private final int weight;

    Operation(Family family, int weight) {
      this.family = family;
      this.weight = weight;
    }

    public Family family() {
      return family;
    }

    /** Samples of this operation count this many times towards its family's work. */
    public int weight() {
      return weight;
    }
  }

  /**
   * How much a job will ask of each family in this JVM, in samples: frames times luma pixels of
   * the pictures the family works on, each {@link Operation} weighted. Sums saturate at {@link
   * Long#MAX_VALUE}, which also stands for "unknown, and large".
   */
  public record Work(long colour, long scale, long filter, long metrics) {
    /** No work at all. */
    public static final Work NONE = new Work(0, 0, 0, 0);
    /** Work of unknown size for every family: the rule then takes it as large. */
    public static final Work UNKNOWN = new Work(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    public Work {
      if (colour < 0 || scale < 0 || filter < 0 || metrics < 0) {
        throw new IllegalArgumentException("work cannot be negative: " + colour + ", " + scale + ", " + filter
            + ", " + metrics);
      }
    }

    /** {@code frames} pictures of {@code width} x {@code height} for each of {@code families}. */
    public static Work frames(long frames, long width, long height, Family... families) {
      long samples = samples(frames, width, height);
      Work w = NONE;
      for (Family f : families) {
        w = w.plus(f, samples);
      }
      return w;
    }

    /** {@code operation} on {@code frames} pictures of {@code width} x {@code height}, weighted. */
    public static Work frames(long frames, long width, long height, Operation operation) {
      return NONE.plus(operation.family(), times(samples(frames, width, height), operation.weight()));
    }

    private static long samples(long frames, long width, long height) {
      return times(times(Math.max(0, frames), Math.max(0, width)), Math.max(0, height));
    }

    public long of(Family family) {
      return switch (family) {
        case COLOUR -> colour;
        case SCALE -> scale;
        case FILTER -> filter;
        case METRICS -> metrics;
      };
    }

    public Work plus(Family family, long samples) {
      return new Work(
          family == Family.COLOUR ? add(colour, samples) : colour,
          family == Family.SCALE ? add(scale, samples) : scale,
          family == Family.FILTER ? add(filter, samples) : filter,
          family == Family.METRICS ? add(metrics, samples) : metrics);
    }

    public Work plus(Work other) {
      return new Work(add(colour, other.colour), add(scale, other.scale), add(filter, other.filter),
          add(metrics, other.metrics));
    }

    private static long add(long a, long b) {
      long s = a + b;
      return s < 0 ? Long.MAX_VALUE : s;
    }

    private static long times(long a, long b) {
      long hi = Math.multiplyHigh(a, b);
      long lo = a * b;
      return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
  }

  /**
   * The kernels this JVM uses for work of unknown size: the Vector API set when the JVM can run
   * it (unless {@code -Dframefork.simd=false}), chosen once. Callers that know their work use
   * {@link #forWork}.
   */
  public static Kernels get() {
    return Chosen.KERNELS;
  }

  /**
   * What this JVM can run and how {@link #forWork} chooses, in one line: the Vector API kernels
   * (and their vector size) or why not, and the work-size rule or the override.
   */
  public static String choice() {
    return Decided.REASON;
  }

  /**
   * The kernels for a job that gives each family {@code work}, chosen family by family: the Vector
   * API kernels where this JVM can run them and the family's work is at least its {@link
   * Family#breakEven()} (or has been in this JVM before, or {@code -Dframefork.simd=true}), else
   * plain Java. Only the families chosen for the Vector API load it. {@link #choiceFor} says why.
   */
  public static Kernels forWork(Work work) {
    return Rule.choose(work).kernels();
  }

  /** Why {@link #forWork} picks what it picks for {@code work}, in one line. */
  public static String choiceFor(Work work) {
    return Rule.choose(work, false).reason();
  }

  /** The plain-Java reference kernels, always available. */
  public static Kernels plain() {
    return new Kernels(
        "plain Java",
        0,
        new PlainColourConverter(),
        new PlainPlaneScaler(),
        new PlainPlaneFilter(),
        new PlainPlaneMetrics());
  }

  /**
   * The Vector API kernels if this JVM can run them (the module is present and vectors are at least
   * 128 bits), whatever the C2 and property checks say: tests and benchmarks compare both sets.
   */
  public static Optional<Kernels> vector() {
    if (!KernelSelection.vectorModulePresent()) {
      return Optional.empty();
    }
    try {
      return Optional.of(loadVectorKernels());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** The per-job choice: {@link KernelSelection#decide(KernelSelection.WorkFacts)} for each family. */
  private static final class Rule {
    /** Families whose Vector API kernels a job of this JVM was given: their warm-up is paid or under way. */
    private static final boolean[] WARM = new boolean[Family.values().length];
    private static final Kernels PLAIN = plain();

    record Choice(Kernels kernels, String reason) {}

    static Choice choose(Work work) {
      return choose(work, true);
    }

    /**
     * @param use the caller will run the kernels: the families chosen for the Vector API become
     *     warm; otherwise only the reason is wanted (and nothing is loaded)
     */
    static synchronized Choice choose(Work work, boolean use) {
      KernelSelection.Decision jvm = Decided.DECISION;
      Boolean property = Decided.PROPERTY;
      Family[] families = Family.values();
      boolean[] vector = new boolean[families.length];
      List<String> vectorFamilies = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      for (Family f : families) {
        if (work.of(f) == 0) {
          continue;
        }
        KernelSelection.Decision d = KernelSelection.decide(
            new KernelSelection.WorkFacts(jvm, property, f, work.of(f), f.breakEven(), WARM[f.ordinal()]));
        vector[f.ordinal()] = d.useVector();
        if (d.useVector()) {
          vectorFamilies.add(f.label());
        }
        if (!reasons.contains(d.reason())) { // the JVM's own reason once, not once per family
          reasons.add(d.reason());
        }
      }
      String reason = reasons.isEmpty() ? "plain Java kernels: no work" : String.join("; ", reasons);
      if (!use) {
        return new Choice(null, reason);
      }
      Kernels chosen = PLAIN;
      if (!vectorFamilies.isEmpty()) {
        Kernels v = Chosen.KERNELS;
        if (v.vectorBits() == 0) { // the Vector API could not be loaded after all (Chosen says why)
          return new Choice(PLAIN, Chosen.FAILURE);
        }
        boolean all = vectorFamilies.size() == families.length;
        chosen = all ? v : new Kernels(v.name() + " for " + String.join(", ", vectorFamilies)
            + ", plain Java for the rest", v.vectorBits(),
            vector[Family.COLOUR.ordinal()] ? v.colour() : PLAIN.colour(),
            vector[Family.SCALE.ordinal()] ? v.scaler() : PLAIN.scaler(),
            vector[Family.FILTER.ordinal()] ? v.filter() : PLAIN.filter(),
            vector[Family.METRICS.ordinal()] ? v.metrics() : PLAIN.metrics());
        for (Family f : families) {
          WARM[f.ordinal()] |= vector[f.ordinal()];
        }
      }
      if (Boolean.getBoolean(LOG_PROPERTY)) {
        System.err.println("framefork: " + reason);
      }
      return new Choice(chosen, reason);
    }
  }

  private static Kernels loadVectorKernels() {
    try {
      Class<?> factory = Class.forName(Kernels.class.getPackageName() + ".VectorKernels");
      var create = MethodHandles.lookup()
          .findStatic(factory, "create", MethodType.methodType(Kernels.class));
      return (Kernels) create.invokeExact();
    } catch (UnsupportedOperationException e) {
      throw e;
    } catch (Throwable e) {
      throw new UnsupportedOperationException("Vector API kernels could not be loaded: " + e, e);
    }
  }

  /** Holder idiom: whether this JVM can run the Vector API kernels, decided on first use, once. */
  private static final class Decided {
    static final KernelSelection.Decision DECISION = KernelSelection.forThisJvm();
    /** {@code -Dframefork.simd} as it was then: TRUE, FALSE or null (unset). */
    static final Boolean PROPERTY = KernelSelection.simdProperty(System.getProperty(SIMD_PROPERTY));
    static final String REASON = KernelSelection.describe(DECISION, PROPERTY);

    static {
      System.getLogger(Kernels.class.getName()).log(System.Logger.Level.DEBUG, REASON);
      if (Boolean.getBoolean(LOG_PROPERTY)) {
        System.err.println("framefork: " + REASON);
      }
    }
  }

  /** The set {@link #get()} returns, loaded on first use (the Vector API classes only then). */
  private static final class Chosen {
    static final Kernels KERNELS;
    /** Why the Vector API kernels could not be loaded although the JVM can run them, or null. */
    static final String FAILURE;

    static {
      Kernels kernels = Rule.PLAIN;
      String failure = null;
      if (Decided.DECISION.useVector()) {
        try {
          kernels = loadVectorKernels();
        } catch (UnsupportedOperationException e) {
          failure = "plain Java kernels: " + e.getMessage();
          System.getLogger(Kernels.class.getName()).log(System.Logger.Level.WARNING, failure);
        }
      }
      KERNELS = kernels;
      FAILURE = failure;
    }
  }
}
