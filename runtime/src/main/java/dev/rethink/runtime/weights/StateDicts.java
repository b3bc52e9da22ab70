package dev.rethink.runtime.weights;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the dict of tensors in an unpickled weights file: the root itself (a {@code state_dict()}, Detectron's
 * ImageNet models) or the dict under one of {@link #CONTAINERS} (Detectron2's {@code model}, a training
 * checkpoint's {@code state_dict}, Detectron's {@code blobs}).
 */
final class StateDicts {
  /** Keys under which checkpoints keep their state dict, in the order tried. */
  static final List<String> CONTAINERS = List.of("model", "state_dict", "blobs", "model_state_dict");

  private StateDicts() {}

  /**
   * The tensor dict of {@code root}, its keys checked to be strings and its values to satisfy {@code isTensor}.
   *
   * @throws WeightsFileException naming the first entry that is no tensor, or saying what the root is
   */
  static Map<String, Object> locate(Path file, Object root, java.util.function.Predicate<Object> isTensor)
      throws WeightsFileException {
    if (!(root instanceof Map<?, ?> top)) {
      throw new WeightsFileException(file, null, "not a state dict: the pickle holds " + Pickles.describe(root)
          + " (expected a dict of tensors, or one under " + CONTAINERS + ")");
    }
    Map<?, ?> dict = top;
    String where = "";
    for (String key : CONTAINERS) {
      if (top.get(key) instanceof Map<?, ?> inner && !top.values().stream().allMatch(isTensor)) {
        dict = inner;
        where = " under '" + key + "'";
        break;
      }
    }
    if (dict.isEmpty()) {
      throw new WeightsFileException(file, null, "not a state dict: the dict" + where + " is empty");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        throw new WeightsFileException(file, null, "not a state dict: the dict" + where + " has a key that is "
            + Pickles.describe(e.getKey()) + ", not a str");
      }
      if (!isTensor.test(e.getValue())) {
        throw new WeightsFileException(file, name, "not a state dict: entry" + where + " is "
            + Pickles.describe(e.getValue()) + ", not a tensor (expected a dict of tensors, or one under "
            + CONTAINERS + ")");
      }
      out.put(name, e.getValue());
    }
    return out;
  }

  /** The string, number and bool entries of the root dict besides the state dict ({@code __author__}, ...). */
  static Map<String, String> metadata(Object root) {
    Map<String, String> out = new LinkedHashMap<>();
    if (root instanceof Map<?, ?> top) {
      for (Map.Entry<?, ?> e : top.entrySet()) {
        Object v = e.getValue();
        if (e.getKey() instanceof String k && (v instanceof String || v instanceof Number || v instanceof Boolean)) {
          out.put(k, String.valueOf(v));
        }
      }
    }
    return out;
  }
}
