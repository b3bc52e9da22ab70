package dev.rethink.dsl.model;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Map;

/**
 * An image classifier: backbone, global average pooling, one fully connected layer, softmax cross-entropy
 * (the ResNet paper's ImageNet head).
 */
public record ClassifierSpec(BackboneSpec backbone, int numClasses) implements ModelSpec {
  public ClassifierSpec {
    if (SpecParts.checkNow()) {
      require(backbone != null, "backbone", "is required (hint: ResNetSpec.of(50))");
      require(numClasses >= 2, "numClasses", "must be >= 2, was " + numClasses);
    }
  }

  @Override
  public ClassifierSpec withBackbone(BackboneSpec b) {
    return new ClassifierSpec(b, numClasses);
  }

  public ClassifierSpec withNumClasses(int n) {
    return new ClassifierSpec(backbone, n);
  }

  @Override
  public Map<String, NormSpec> norms() {
    return Map.of("backbone.norm", backbone.norm());
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.classifier(this);
  }
}
