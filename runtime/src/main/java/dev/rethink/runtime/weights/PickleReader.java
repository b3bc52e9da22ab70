package dev.rethink.runtime.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pickled dicts of numpy arrays: Detectron2's {@code .pkl} ({@code {"model": {...}, "__author__": ...}}),
 * Detectron's ({@code {"blobs": {...}}} for detectors, a flat dict for its ImageNet models). Pickles written by
 * Python 2 (numpy data as {@code str}) read as well. Detectron's {@code *_momentum} blobs are read like any
 * other tensor; leaving them out is the mapping's decision.
 */
final class PickleReader implements WeightsFile.Reader {
  @Override
  public WeightsFile read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 8) {
      throw new WeightsFileException(file, null, "a pickle of " + size + " bytes is too large to read here");
    }
    Object root = Pickles.load(file, "the file", Files.readAllBytes(file), null);
    if (root instanceof Number n && Pickles.LEGACY_TORCH_MAGIC.equals(new java.math.BigInteger(n.toString()))) {
      throw new WeightsFileException(file, null, "legacy torch.save format (PyTorch < 1.6), not read here: re-save"
          + " it with a current PyTorch (torch.save(torch.load(f), f2)) to get the zip format");
    }
    Map<String, Object> dict = StateDicts.locate(file, root, v -> v instanceof Pickles.NdArray);
    Map<String, WeightTensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : dict.entrySet()) {
      tensors.put(e.getKey(), ((Pickles.NdArray) e.getValue()).toTensor(file, e.getKey()));
    }
    return WeightsFile.of(file, WeightsFormat.PICKLE, tensors, StateDicts.metadata(root));
  }
}
