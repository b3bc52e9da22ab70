package dev.rethink.runtime.weights.mapping;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.layers.Conv2d;
import dev.rethink.graph.norm.Norms;
import dev.rethink.runtime.weights.WeightTensor;
import dev.rethink.runtime.weights.WeightsFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Maps a {@link WeightsFile} onto the variables of a built backbone (and classifier head): for each of our
 * layers the source's naming ({@link SourceNaming}) gives the tensor names, and shared rules convert them:
 *
 * <ul>
 *   <li>convolution kernels OIHW → HWIO ({@code [out, in/groups, kh, kw]} → {@code [kh, kw, in/groups, out]},
 *       grouped ResNeXt kernels included); the fully connected weight {@code [out, in]} → {@code [in, out]};
 *   <li>BN (running statistics in the source) → BN / SyncBN / FrozenBN: {@code gamma, beta, moving_mean,
 *       moving_variance}; a source convolution bias {@code c} before BN becomes part of the mean
 *       ({@code mean − c}: torchvision's {@code vgg16_bn});
 *   <li>Detectron's AffineChannel (BN folded by the source: scale and shift only) → BN-family with
 *       {@code moving_mean = 0} and {@code moving_variance = 1 − ε}, so that the target computes exactly
 *       {@code scale · x + shift};
 *   <li>BN (or AffineChannel) → a target without norm: folded into the convolution, {@code kernel · s} and
 *       {@code bias = shift + (c − mean) · s} with {@code s = gamma / sqrt(var + ε_source)};
 *   <li>GN → GN: {@code gamma, beta}.
 * </ul>
 *
 * <p>Anything else — BN statistics for a GN target, GN weights for a BN or no-norm target, a convolution bias the
 * target cannot absorb, a name the naming does not know — is left unmapped or missing and reported, and the
 * mapping fails unless the options allow it. Values are checked against the target shapes; a mis-shaped tensor
 * always fails (with both shapes). Which variables: those whose role is model state under
 * {@code options.backboneScope()} and {@code options.headScope()} (a detector's FPN and heads are not this
 * mapping's business).
 */
public final class WeightsMapping {
  private static final String KERNEL = Conv2d.KERNEL;
  private static final String BIAS = Conv2d.BIAS;
  private static final String NORM = "norm/";
  private static final String GAMMA = NORM + Norms.GAMMA;
  private static final String BETA = NORM + Norms.BETA;
  private static final String MEAN = NORM + Norms.MOVING_MEAN;
  private static final String VARIANCE = NORM + Norms.MOVING_VARIANCE;

  private final WeightsFile file;
  private final SourceNaming namingKind;
  private final Naming naming;
  private final BackboneSpec spec;
  private final MappingOptions options;
  private final double targetEpsilon;

  private final Map<String, float[]> values = new LinkedHashMap<>();
  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private final Set<String> consumed = new HashSet<>();
  private final Map<String, String> hints = new HashMap<>();
  private final List<MappingReport.Mapped> mapped = new ArrayList<>();
  private final List<MappingReport.Missing> missing = new ArrayList<>();
  private final List<MappingReport.Mismatch> mismatched = new ArrayList<>();
  private final List<MappingReport.Skipped> skipped = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private WeightsMapping(WeightsFile file, BackboneSpec spec, MappingOptions options) {
    this.file = file;
    this.spec = spec;
    this.options = options;
    this.namingKind = options.naming() != null ? options.naming() : SourceNaming.detect(file);
    this.naming = namingKind.naming(file, spec);
    this.targetEpsilon = epsilon(spec.norm());
  }

  /** {@link #map(WeightsFile, BackboneSpec, Collection, MappingOptions)} with the store's variables, strict. */
  public static MappedWeights map(WeightsFile file, BackboneSpec spec, VariableStore store) {
    return map(file, spec, store.all(), MappingOptions.defaults());
  }

  /**
   * Maps {@code file} onto {@code variables} (typically {@code VariableStore.all()} of a graph in which the
   * backbone {@code spec} — and a classifier head — was built).
   *
   * @throws WeightsMappingException listing every unmapped source tensor and missing target variable (unless the
   *     options allow them) and every shape mismatch, naming the file, tensors and variables
   * @throws IllegalArgumentException when the naming cannot be detected
   */
  public static MappedWeights map(WeightsFile file, BackboneSpec spec, Collection<ModelVariable> variables,
      MappingOptions options) {
    return new WeightsMapping(file, spec, options).run(variables);
  }

  private MappedWeights run(Collection<ModelVariable> variables) {
    String backbonePrefix = options.backboneScope() + "/";
    String headPrefix = options.headScope() + "/";
    Map<String, Map<String, ModelVariable>> layers = new LinkedHashMap<>();
    Map<String, ModelVariable> head = new LinkedHashMap<>();
    for (ModelVariable v : variables) {
      if (!v.role().modelState()) {
        continue;
      }
      if (v.name().startsWith(backbonePrefix)) {
        String rel = v.name().substring(backbonePrefix.length());
        int norm = rel.indexOf("/" + NORM);
        int split = norm >= 0 ? norm : rel.lastIndexOf('/');
        String layer = split < 0 ? "" : rel.substring(0, split);
        layers.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(rel.substring(split + 1), v);
      } else if (v.name().startsWith(headPrefix)) {
        head.put(v.name().substring(headPrefix.length()), v);
      }
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("no variable under '" + backbonePrefix + "' among " + variables.size()
          + " variables: build the backbone first (or set MappingOptions.withScopes)");
    }
    for (Map.Entry<String, Map<String, ModelVariable>> e : layers.entrySet()) {
      Layer layer = Layer.backbone(e.getKey());
      Naming.SourceLayer src = layer.kind() == Layer.Kind.UNKNOWN ? null : naming.layer(layer);
      if (src == null) {
        String why = layer.kind() == Layer.Kind.UNKNOWN ? "not a layer of a ResNet or VGG" : naming.why(layer);
        e.getValue().values().forEach(v -> missing(v, List.of(), why));
      } else {
        layer(src, e.getValue());
      }
    }
    head(head);
    for (Map.Entry<String, WeightTensor> e : file.tensors().entrySet()) {
      String name = e.getKey();
      if (consumed.contains(name)) {
        continue;
      }
      String reason = naming.skipReason(name);
      if (reason != null) {
        skipped.add(new MappingReport.Skipped(name, reason));
      }
    }
    List<MappingReport.Unmapped> unmapped = new ArrayList<>();
    Set<String> skippedNames = new HashSet<>();
    skipped.forEach(s -> skippedNames.add(s.source()));
    for (Map.Entry<String, WeightTensor> e : file.tensors().entrySet()) {
      if (!consumed.contains(e.getKey()) && !skippedNames.contains(e.getKey())) {
        unmapped.add(new MappingReport.Unmapped(e.getKey(), shape(e.getValue().shape()),
            hints.getOrDefault(e.getKey(), "")));
      }
    }
    conventionWarnings();
    if (options.allowMissing() && !missing.isEmpty()) {
      warnings.add(missing.size() + " target variables keep their initial values (allowMissing)");
    }
    if (options.allowUnmapped() && !unmapped.isEmpty()) {
      warnings.add(unmapped.size() + " source tensors are not imported (allowUnmapped)");
    }
    MappingReport report = new MappingReport(file.file(), namingKind, mapped, unmapped, skipped, missing,
        mismatched, warnings);
    List<String> errors = report.problems().stream()
        .filter(p -> p.startsWith("shape mismatch") || (p.startsWith("missing") && !options.allowMissing())
            || (p.startsWith("unmapped") && !options.allowUnmapped()))
        .toList();
    if (!errors.isEmpty()) {
      boolean partial = errors.stream().anyMatch(p -> !p.startsWith("shape mismatch"));
      throw new WeightsMappingException(report, errors, partial ? "(a deliberate partial import:"
          + " MappingOptions.withAllowMissing(true) / withAllowUnmapped(true) list these as warnings instead)" : "");
    }
    return new MappedWeights(report, values, shapes);
  }

  /**
   * The tensors of one source layer: convolution weight {@code w} and bias {@code c}, and the norm found
   * ({@code names}, null when none): scale {@code s}, shift {@code b}, running mean {@code m} and variance
   * {@code v}. Any may be null.
   */
  private record Source(Naming.SourceLayer layer, Naming.NormNames names, WeightTensor w, WeightTensor c,
      WeightTensor s, WeightTensor b, WeightTensor m, WeightTensor v) {

    /** Both running statistics: a BN. */
    boolean statistics() {
      return m != null && v != null;
    }

    /** At least one running statistic. */
    boolean someStatistics() {
      return m != null || v != null;
    }

    /** Detectron's AffineChannel: a BN's scale and shift, its statistics folded in by the source. */
    boolean affineBn() {
      return names != null && names.kind() == Naming.NormKind.BATCH && !someStatistics();
    }
  }

  /** The targets of one of our layers, by role; absent ones are null. */
  private record Targets(ModelVariable kernel, ModelVariable bias, ModelVariable gamma, ModelVariable beta,
      ModelVariable mean, ModelVariable variance) {}

  /** One convolution layer with its norm (or bias). */
  private void layer(Naming.SourceLayer src, Map<String, ModelVariable> targets) {
    for (Map.Entry<String, ModelVariable> t : targets.entrySet()) {
      if (!List.of(KERNEL, BIAS, GAMMA, BETA, MEAN, VARIANCE).contains(t.getKey())) {
        missing(t.getValue(), List.of(), "a variable this mapping does not know");
      }
    }
    Targets t = new Targets(targets.get(KERNEL), targets.get(BIAS), targets.get(GAMMA), targets.get(BETA),
        targets.get(MEAN), targets.get(VARIANCE));
    Naming.NormNames names = src.norms().stream()
        .filter(n -> Stream.of(n.scale(), n.shift(), n.mean(), n.var()).anyMatch(this::has))
        .findFirst().orElse(null);
    Source s = names == null
        ? new Source(src, null, tensor(src.weight()), tensor(src.bias()), null, null, null, null)
        : new Source(src, names, tensor(src.weight()), tensor(src.bias()), tensor(names.scale()),
            tensor(names.shift()), tensor(names.mean()), tensor(names.var()));
    float[] hwio = kernel(t.kernel(), s);
    if (t.bias() != null && t.gamma() == null) {
      if (s.s() != null || s.someStatistics()) {
        foldNorm(t, s, hwio);
      } else {
        putKernel(t, s, hwio);
        copyVector(t.bias(), s.c(), src.bias(), List.of(src.bias()));
      }
      return;
    }
    putKernel(t, s, hwio);
    if (t.gamma() != null) {
      copyVector(t.gamma(), s.s(), s.s() == null ? null : names.scale(),
          src.norms().stream().map(Naming.NormNames::scale).toList());
    }
    if (t.beta() != null) {
      copyVector(t.beta(), s.b(), s.b() == null ? null : names.shift(),
          src.norms().stream().map(Naming.NormNames::shift).toList());
    }
    if (t.mean() != null || t.variance() != null) {
      statistics(t, s);
    } else if (names != null) {
      hint(names.mean(), "BN running statistics, but the target normalizes with " + spec.norm());
      hint(names.var(), "BN running statistics, but the target normalizes with " + spec.norm());
    }
    if (s.c() != null && !consumed.contains(src.bias())) {
      hint(src.bias(), "a convolution bias, but the target's convolution has none (" + spec.norm() + " follows)");
    }
  }

  /** The kernel in HWIO, or null when it is absent on either side or mis-shaped (recorded). */
  private float[] kernel(ModelVariable kernel, Source s) {
    String name = s.layer().weight();
    if (kernel == null) {
      if (s.w() != null) {
        hints.put(name, "the target layer has no kernel");
      }
      return null;
    }
    if (s.w() == null) {
      missing(kernel, List.of(name), "");
      return null;
    }
    long[] t = kernel.shape().asArray();
    long[] expected = {t[3], t[2], t[0], t[1]};
    if (!Arrays.equals(s.w().shape(), expected)) {
      mismatch(name, s.w(), kernel, expected, "OIHW");
      return null;
    }
    return oihwToHwio(s.w());
  }

  private void putKernel(Targets t, Source s, float[] hwio) {
    if (hwio != null) {
      put(t.kernel(), hwio, List.of(s.layer().weight()), "OIHW -> HWIO");
    }
  }

  /**
   * A target without norm from a source with one: BN (or AffineChannel) folded into the convolution,
   * {@code kernel · s} and {@code bias = shift + (c − mean) · s}; GN cannot be.
   */
  private void foldNorm(Targets t, Source s, float[] hwio) {
    Naming.NormNames names = s.names();
    if (s.someStatistics() && !s.statistics()) {
      missing(t.bias(), List.of(s.m() == null ? names.mean() : names.var()), "BN is folded into this convolution,"
          + " which needs both running statistics");
      hint(s.m() == null ? names.var() : names.mean(), "half of a BN's running statistics");
      putKernel(t, s, hwio);
      return;
    }
    if (!s.statistics() && !s.affineBn()) {
      missing(t.bias(), List.of(), "the source normalizes this layer with GroupNorm (scale and shift, no running"
          + " statistics), which cannot be folded into a convolution: build the target with the same norm");
      hint(names.scale(), "GroupNorm parameters of a layer whose target has no norm");
      hint(names.shift(), "GroupNorm parameters of a layer whose target has no norm");
      putKernel(t, s, hwio);
      return;
    }
    int out = (int) t.bias().shape().get(0);
    if (s.b() == null) {
      missing(t.bias(), List.of(names.shift()), "");
    }
    float[] scale = foldScale(s.s(), s.m(), s.v(), names, out);
    float[] shift = s.b() == null ? null : vector(names.shift(), s.b(), t.bias(), out);
    float[] mean = s.statistics() ? vector(names.mean(), s.m(), t.bias(), out) : new float[out];
    float[] c = s.c() == null ? new float[out] : vector(s.layer().bias(), s.c(), t.bias(), out);
    if (scale == null || shift == null || mean == null || c == null || hwio == null) {
      return; // what is wrong is recorded
    }
    float[] folded = new float[out];
    for (int o = 0; o < out; o++) {
      folded[o] = shift[o] + (c[o] - mean[o]) * scale[o];
    }
    for (int i = 0; i < hwio.length; i++) {
      hwio[i] *= scale[i % out];
    }
    List<String> sources = names(s.layer().weight(), s.layer().bias(), names.scale(), names.shift(), names.mean(),
        names.var());
    String how = s.statistics() ? "BN folded: gamma / sqrt(var + " + options.sourceEpsilon() + ")"
        : "AffineChannel folded: scale";
    put(t.kernel(), hwio, sources, "OIHW -> HWIO, times " + how.substring(how.indexOf(':') + 2));
    put(t.bias(), folded, sources, how + ", bias = shift + (conv bias - mean) * scale");
  }

  /**
   * A BN-family target's moving statistics: the source's (its mean less a convolution bias the target has not),
   * or, from an AffineChannel, mean 0 and variance 1 − ε; a source without statistics leaves them missing.
   */
  private void statistics(Targets t, Source s) {
    Naming.NormNames names = s.names();
    if (!s.someStatistics() && !s.affineBn()) {
      String why = s.s() == null ? "" : "the source has no running statistics for this layer (GroupNorm weights?)";
      List<String> lookedFor = s.layer().norms().stream().flatMap(n -> Stream.of(n.mean(), n.var()))
          .filter(java.util.Objects::nonNull).toList();
      Stream.of(t.mean(), t.variance()).filter(java.util.Objects::nonNull)
          .forEach(target -> missing(target, lookedFor, why));
      return;
    }
    ModelVariable statistic = t.mean() != null ? t.mean() : t.variance();
    String biasName = s.layer().bias();
    float[] c = s.c() == null ? null : vector(biasName, s.c(), statistic, channels(statistic));
    if (t.mean() != null && s.someStatistics() && s.m() == null) {
      missing(t.mean(), List.of(names.mean()), "");
    } else if (t.mean() != null) {
      float[] mu = s.m() != null ? vector(names.mean(), s.m(), t.mean(), channels(t.mean()))
          : new float[channels(t.mean())];
      if (mu != null && (s.c() == null || c != null)) {
        for (int o = 0; c != null && o < mu.length; o++) {
          mu[o] -= c[o];
        }
        put(t.mean(), mu, names(s.m() != null ? names.mean() : null, biasName),
            (s.m() != null ? "copied" : "0 (AffineChannel: BN folded by the source)")
                + (s.c() == null ? "" : " minus the source's convolution bias"));
      }
    }
    if (t.variance() != null && s.someStatistics() && s.v() == null) {
      missing(t.variance(), List.of(names.var()), "");
    } else if (t.variance() != null && s.v() != null) {
      float[] var = vector(names.var(), s.v(), t.variance(), channels(t.variance()));
      if (var != null) {
        put(t.variance(), var, List.of(names.var()), "copied");
      }
    } else if (t.variance() != null) {
      float[] ones = new float[channels(t.variance())];
      Arrays.fill(ones, (float) (1 - targetEpsilon));
      put(t.variance(), ones, List.of(), "1 - epsilon (AffineChannel: the target then computes scale * x + shift)");
    }
  }

  /** The classifier head: a fully connected layer {@code [out, in]} → {@code kernel [in, out]}, {@code bias}. */
  private void head(Map<String, ModelVariable> targets) {
    Naming.SourceLayer src = naming.heads().stream().filter(h -> has(h.weight())).findFirst().orElse(null);
    if (targets.isEmpty() || !options.includeHead()) {
      String why = targets.isEmpty() ? "the classifier head: the target has none"
          : "the classifier head: not imported (includeHead is false)";
      for (Naming.SourceLayer h : naming.heads()) {
        for (String n : names(h.weight(), h.bias())) {
          if (has(n)) {
            skipped.add(new MappingReport.Skipped(n, why));
            consumed.add(n);
          }
        }
      }
      return;
    }
    ModelVariable kernel = targets.get(KERNEL);
    ModelVariable bias = targets.get(BIAS);
    List<String> weightNames = naming.heads().stream().map(Naming.SourceLayer::weight).toList();
    List<String> biasNames = naming.heads().stream().map(Naming.SourceLayer::bias).toList();
    if (kernel != null) {
      WeightTensor w = src == null ? null : tensor(src.weight());
      if (w == null) {
        missing(kernel, weightNames, "");
      } else {
        long[] t = kernel.shape().asArray();
        long[] expected = {t[1], t[0]};
        if (!Arrays.equals(w.shape(), expected)) {
          mismatch(src.weight(), w, kernel, expected, "[out, in]");
        } else {
          int in = (int) t[0];
          int out = (int) t[1];
          float[] values = new float[in * out];
          for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
              values[i * out + o] = w.get(o * in + i);
            }
          }
          put(kernel, values, List.of(src.weight()), "[out, in] -> [in, out]");
        }
      }
    }
    if (bias != null) {
      copyVector(bias, src == null ? null : tensor(src.bias()), src == null ? null : src.bias(), biasNames);
    }
    targets.forEach((k, v) -> {
      if (!k.equals(KERNEL) && !k.equals(BIAS)) {
        missing(v, List.of(), "a variable this mapping does not know");
      }
    });
  }

  /** {@code s = gamma / sqrt(var + ε)} (BN) or the AffineChannel scale; null after a recorded mismatch. */
  private float[] foldScale(WeightTensor s, WeightTensor m, WeightTensor v, Naming.NormNames names, int out) {
    float[] scale = s == null ? ones(out) : vectorRaw(names.scale(), s, out);
    if (scale == null || m == null || v == null) {
      return scale;
    }
    float[] var = vectorRaw(names.var(), v, out);
    if (var == null) {
      return null;
    }
    for (int o = 0; o < out; o++) {
      scale[o] = (float) (scale[o] / Math.sqrt(var[o] + options.sourceEpsilon()));
    }
    return scale;
  }

  private void copyVector(ModelVariable target, WeightTensor t, String name, List<String> lookedFor) {
    if (t == null) {
      missing(target, lookedFor.stream().filter(java.util.Objects::nonNull).toList(), "");
      return;
    }
    float[] values = vector(name, t, target, channels(target));
    if (values != null) {
      put(target, values, List.of(name), "copied");
    }
  }

  /** A rank-1 source tensor of {@code n} values, consumed; null after recording a mismatch against target. */
  private float[] vector(String name, WeightTensor t, ModelVariable target, int n) {
    consumed.add(name);
    if (t.rank() != 1 || t.dim(0) != n) {
      mismatch(name, t, target, new long[] {n}, "one value per channel");
      return null;
    }
    return t.values();
  }

  /** As {@link #vector} for a fold's factors, whose mismatch the folded target reports. */
  private float[] vectorRaw(String name, WeightTensor t, int n) {
    consumed.add(name);
    if (t.rank() != 1 || t.dim(0) != n) {
      mismatched.add(new MappingReport.Mismatch(name, shape(t.shape()), "(" + n + " output channels)",
          List.of((long) n), "one value per channel"));
      return null;
    }
    return t.values();
  }

  private static float[] oihwToHwio(WeightTensor w) {
    int o = (int) w.dim(0);
    int in = (int) w.dim(1);
    int h = (int) w.dim(2);
    int k = (int) w.dim(3);
    float[] out = new float[w.size()];
    for (int a = 0; a < o; a++) {
      for (int b = 0; b < in; b++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < k; x++) {
            out[((y * k + x) * in + b) * o + a] = w.get(((a * in + b) * h + y) * k + x);
          }
        }
      }
    }
    return out;
  }

  private void put(ModelVariable target, float[] v, List<String> sources, String conversion) {
    consumed.addAll(sources);
    values.put(target.name(), v);
    shapes.put(target.name(), target.shape().asArray());
    mapped.add(new MappingReport.Mapped(target.name(), sources, conversion));
  }

  private void missing(ModelVariable target, List<String> lookedFor, String reason) {
    missing.add(new MappingReport.Missing(target.name(), shape(target.shape().asArray()), lookedFor, reason));
  }

  private void mismatch(String source, WeightTensor t, ModelVariable target, long[] expected, String layout) {
    consumed.add(source);
    mismatched.add(new MappingReport.Mismatch(source, shape(t.shape()), target.name(),
        shape(target.shape().asArray()), shape(expected) + " " + layout));
  }

  private void hint(String source, String hint) {
    if (source != null && has(source)) {
      hints.putIfAbsent(source, hint);
    }
  }

  private void conventionWarnings() {
    if (spec instanceof ResNetSpec r && r.bottleneck()) {
      if (namingKind == SourceNaming.DETECTRON && !r.strideIn1x1()) {
        warnings.add("Detectron's MSRA ImageNet ResNets (R-50.pkl, R-101.pkl) put a bottleneck's stride in its 1x1"
            + " convolution (STRIDE_1X1: True) but this spec has strideIn1x1=false: the weights cannot tell, check"
            + " how the file was trained");
      } else if (namingKind == SourceNaming.TORCHVISION && r.strideIn1x1()) {
        warnings.add("torchvision's ResNets put a bottleneck's stride in its 3x3 convolution but this spec has"
            + " strideIn1x1=true: the weights cannot tell, check how the file was trained");
      }
    }
  }

  private boolean has(String name) {
    return name != null && file.tensors().containsKey(name);
  }

  private WeightTensor tensor(String name) {
    return name == null ? null : file.tensors().get(name);
  }

  private static int channels(ModelVariable v) {
    return (int) v.shape().get(0);
  }

  private static float[] ones(int n) {
    float[] a = new float[n];
    Arrays.fill(a, 1f);
    return a;
  }

  /** The names that are present in the file. */
  private List<String> names(String... names) {
    return Arrays.stream(names).filter(this::has).toList();
  }

  private static List<Long> shape(long[] s) {
    return Arrays.stream(s).boxed().toList();
  }

  /** The BN-family epsilon of the target (the variance an AffineChannel source maps to is 1 − ε). */
  private static double epsilon(NormSpec norm) {
    return norm.accept(new NormSpec.Visitor<>() {
      @Override
      public Double noNorm(NoNorm n) {
        return 0.0;
      }

      @Override
      public Double batchNorm(BatchNorm n) {
        return n.epsilon();
      }

      @Override
      public Double frozenBatchNorm(FrozenBatchNorm n) {
        return n.epsilon();
      }

      @Override
      public Double syncBatchNorm(SyncBatchNorm n) {
        return n.epsilon();
      }

      @Override
      public Double groupNorm(GroupNorm n) {
        return n.epsilon();
      }
    });
  }
}
