package dev.rethink.runtime.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** numpy's {@code .npz} ({@code np.savez}, compressed or not): tensor {@code name} is member {@code name.npy}. */
final class NpzReader implements WeightsFile.Reader {
  private static final String NPY = ".npy";

  @Override
  public WeightsFile read(Path file) throws IOException {
    try (ZipFile zip = ZipArchives.open(file, ".npz (zip)")) {
      Map<String, WeightTensor> tensors = new LinkedHashMap<>();
      for (ZipEntry entry : Collections.list(zip.entries())) {
        if (entry.isDirectory()) {
          continue;
        }
        String member = entry.getName();
        if (!member.endsWith(NPY)) {
          throw new WeightsFileException(file, null, "member " + member + " is not an .npy array");
        }
        String name = member.substring(0, member.length() - NPY.length());
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        } catch (IOException e) {
          throw new WeightsFileException(file, name, "cannot read member " + member + " (truncated or corrupt?): "
              + e.getMessage(), e);
        }
        tensors.put(name, Npy.read(file, name, bytes));
      }
      if (tensors.isEmpty()) {
        throw new WeightsFileException(file, null, "an .npz archive without arrays");
      }
      return WeightsFile.of(file, WeightsFormat.NPZ, tensors, Map.of());
    }
  }
}
