package dev.rethink.runtime.weights.mapping;

import dev.rethink.graph.backbone.Backbones;
import dev.rethink.graph.model.Classifier;

/**
 * How {@link WeightsMapping#map} maps. The defaults are strict: every source tensor must find its variable and
 * every variable its tensor.
 *
 * @param naming the source's naming; null to detect it from the names ({@link SourceNaming#detect})
 * @param allowMissing list target variables the file has no tensor for as warnings (they keep their initial
 *     values) instead of failing
 * @param allowUnmapped list source tensors no variable takes as warnings instead of failing (a detector
 *     checkpoint's FPN and heads when only its backbone is wanted)
 * @param includeHead map the source's classifier head onto the target's; false leaves the target head as
 *     initialized and lists the source head as skipped (fine-tuning on other classes)
 * @param sourceEpsilon the epsilon of the source's BN, used when BN is folded into a convolution (torchvision,
 *     Detectron and Detectron2 all use 1e-5)
 * @param backboneScope the scope the backbone was built under ({@code ResNet.build(root.child(scope), ...)})
 * @param headScope the scope of the classifier's fully connected layer
 */
public record MappingOptions(SourceNaming naming, boolean allowMissing, boolean allowUnmapped, boolean includeHead,
    double sourceEpsilon, String backboneScope, String headScope) {

  /** BN's epsilon in torchvision, Detectron and Detectron2. */
  public static final double DEFAULT_SOURCE_EPSILON = 1e-5;

  public MappingOptions {
    if (!(sourceEpsilon >= 0)) {
      throw new IllegalArgumentException("sourceEpsilon must be >= 0, was " + sourceEpsilon);
    }
    if (backboneScope == null || backboneScope.isEmpty() || headScope == null || headScope.isEmpty()) {
      throw new IllegalArgumentException("backboneScope and headScope must be non-empty");
    }
  }

  /** Strict, naming detected, head included, the graph's usual scopes ({@code backbone}, {@code head/fc}). */
  public static MappingOptions defaults() {
    return new MappingOptions(null, false, false, true, DEFAULT_SOURCE_EPSILON, Backbones.SCOPE,
        Classifier.HEAD + "/" + Classifier.FC);
  }

  public MappingOptions withNaming(SourceNaming n) {
    return new MappingOptions(n, allowMissing, allowUnmapped, includeHead, sourceEpsilon, backboneScope, headScope);
  }

  public MappingOptions withAllowMissing(boolean allow) {
    return new MappingOptions(naming, allow, allowUnmapped, includeHead, sourceEpsilon, backboneScope, headScope);
  }

  public MappingOptions withAllowUnmapped(boolean allow) {
    return new MappingOptions(naming, allowMissing, allow, includeHead, sourceEpsilon, backboneScope, headScope);
  }

  public MappingOptions withIncludeHead(boolean include) {
    return new MappingOptions(naming, allowMissing, allowUnmapped, include, sourceEpsilon, backboneScope, headScope);
  }

  public MappingOptions withSourceEpsilon(double epsilon) {
    return new MappingOptions(naming, allowMissing, allowUnmapped, includeHead, epsilon, backboneScope, headScope);
  }

  public MappingOptions withScopes(String backbone, String head) {
    return new MappingOptions(naming, allowMissing, allowUnmapped, includeHead, sourceEpsilon, backbone, head);
  }
}
