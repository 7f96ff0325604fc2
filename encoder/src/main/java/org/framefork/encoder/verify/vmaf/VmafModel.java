package org.framefork.encoder.verify.vmaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A VMAF model: support vector regression (nu-SVR, RBF kernel) over linearly rescaled features,
 * its output rescaled back to the score's range and clipped. Reads libvmaf's JSON model format;
 * {@link #v061()} is {@code vmaf_v0.6.1}, shipped as a resource (BSD-2-Clause-Patent, Netflix).
 */
public final class VmafModel {
  private static final String V061_RESOURCE = "vmaf_v0.6.1.json";

  private final List<String> featureNames;
  private final double[] slopes;
  private final double[] intercepts;
  private final double gamma;
  private final double rho;
  private final double[] coefficients;
  /** Support vectors, dense, one row per vector. */
  private final double[][] vectors;
  private final double clipLow;
  private final double clipHigh;

  /**
   * What a VMAF score of HDR pictures needs said: {@code vmaf_v0.6.1} was trained on SDR video
   * viewed on SDR screens, and scores the samples as they are, so a PQ or HLG picture's code values
   * are read as SDR's, not as the light an HDR screen makes of them.
   *
   * @param transfer {@code PQ} or {@code HLG}
   */
  public static String sdrModelNote(String transfer) {
    return "VMAF's model vmaf_v0.6.1 is made for SDR: it scored the " + transfer + " pictures' code values, not their light "
        + "as viewed";
  }

  private VmafModel(List<String> featureNames, double[] slopes, double[] intercepts, double gamma, double rho,
      double[] coefficients, double[][] vectors, double clipLow, double clipHigh) {
    this.featureNames = featureNames;
    this.slopes = slopes;
    this.intercepts = intercepts;
    this.gamma = gamma;
    this.rho = rho;
    this.coefficients = coefficients;
    this.vectors = vectors;
    this.clipLow = clipLow;
    this.clipHigh = clipHigh;
  }

  /** The default model of libvmaf and FFmpeg's {@code libvmaf} filter, loaded once. */
  public static VmafModel v061() {
    return Holder.V061;
  }

  private static final class Holder {
    static final VmafModel V061 = load(V061_RESOURCE);
  }

  static VmafModel load(String resource) {
    try (InputStream in = VmafModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("VMAF model " + resource + " is missing from the class path");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("VMAF model " + resource + ": " + e.getMessage(), e);
    }
  }

  static VmafModel parse(JsonNode root) {
    JsonNode m = root.path("model_dict");
    List<String> names = new ArrayList<>();
    m.path("feature_names").forEach(n -> names.add(n.asText()));
    double[] slopes = doubles(m.path("slopes"));
    double[] intercepts = doubles(m.path("intercepts"));
    if (!"linear_rescale".equals(m.path("norm_type").asText()) || slopes.length != names.size() + 1
        || intercepts.length != names.size() + 1) {
      throw new IllegalArgumentException("VMAF model: expected linear_rescale with one slope per feature and one for the score");
    }
    double[] clip = doubles(m.path("score_clip"));
    double gamma = Double.NaN;
    double rho = Double.NaN;
    List<double[]> svs = new ArrayList<>();
    List<Double> coefs = new ArrayList<>();
    boolean inVectors = false;
    for (String line : m.path("model").asText().split("\n")) {
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (inVectors) {
        String[] parts = line.split("\\s+");
        coefs.add(Double.parseDouble(parts[0]));
        double[] sv = new double[names.size()];
        for (int i = 1; i < parts.length; i++) {
          int colon = parts[i].indexOf(':');
          sv[Integer.parseInt(parts[i].substring(0, colon)) - 1] = Double.parseDouble(parts[i].substring(colon + 1));
        }
        svs.add(sv);
      } else if (line.startsWith("gamma ")) {
        gamma = Double.parseDouble(line.substring(6));
      } else if (line.startsWith("rho ")) {
        rho = Double.parseDouble(line.substring(4));
      } else if (line.startsWith("kernel_type ") && !line.endsWith("rbf")) {
        throw new IllegalArgumentException("VMAF model: only the RBF kernel is supported, not " + line);
      } else if (line.equals("SV")) {
        inVectors = true;
      }
    }
    double[] c = coefs.stream().mapToDouble(Double::doubleValue).toArray();
    return new VmafModel(List.copyOf(names), slopes, intercepts, gamma, rho, c, svs.toArray(new double[0][]),
        clip.length == 2 ? clip[0] : Double.NEGATIVE_INFINITY, clip.length == 2 ? clip[1] : Double.POSITIVE_INFINITY);
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** libvmaf's names of the features, in the order {@link #predict} takes them. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The score for one frame's features, in {@link #featureNames()} order. */
  public double predict(double[] features) {
    int n = featureNames.size();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = slopes[i + 1] * features[i] + intercepts[i + 1];
    }
    double sum = 0;
    for (int s = 0; s < vectors.length; s++) {
      double[] sv = vectors[s];
      double d = 0;
      for (int i = 0; i < n; i++) {
        double e = x[i] - sv[i];
        d += e * e;
      }
      sum += coefficients[s] * Math.exp(-gamma * d);
    }
    double score = ((sum - rho) - intercepts[0]) / slopes[0];
    return Math.min(clipHigh, Math.max(clipLow, score));
  }
}
