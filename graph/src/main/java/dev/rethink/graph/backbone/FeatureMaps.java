package dev.rethink.graph.backbone;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TType;

/**
 * The outputs of a backbone's stages, by stage name in order ({@code stem, res2 … res5} or {@code conv1 … conv5}),
 * each NHWC. A detector's FPN reads several; a classifier the last.
 */
public record FeatureMaps<T extends TType>(Map<String, Operand<T>> stages) {

  public FeatureMaps {
    stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
  }

  /** The output of stage {@code name}. */
  public Operand<T> get(String name) {
    Operand<T> out = stages.get(name);
    if (out == null) {
      throw new IllegalArgumentException("no stage '" + name + "'; stages: " + names());
    }
    return out;
  }

  /** The last stage's output. */
  public Operand<T> last() {
    List<String> names = names();
    return stages.get(names.get(names.size() - 1));
  }

  /** Stage names in order. */
  public List<String> names() {
    return List.copyOf(stages.keySet());
  }
}
