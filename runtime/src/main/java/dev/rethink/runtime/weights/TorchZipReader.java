package dev.rethink.runtime.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * PyTorch's zip format ({@code torch.save} since 1.6): {@code <archive>/data.pkl} pickles the object with each
 * storage as a persistent id {@code ('storage', torch.FloatStorage, '<key>', 'cpu', numel)} whose bytes are the
 * member {@code <archive>/data/<key>}; tensors are {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)}
 * views, gathered here into row-major arrays. {@code <archive>/byteorder} says the storages' byte order (little
 * when absent, as older writers assumed).
 */
final class TorchZipReader implements WeightsFile.Reader {
  private static final String DATA_PKL = "data.pkl";

  @Override
  public WeightsFile read(Path file) throws IOException {
    try (ZipFile zip = ZipArchives.open(file, "PyTorch zip")) {
      ZipEntry pkl = Collections.list(zip.entries()).stream()
          .filter(e -> e.getName().equals(DATA_PKL) || e.getName().endsWith("/" + DATA_PKL))
          .min((a, b) -> Integer.compare(a.getName().length(), b.getName().length()))
          .orElseThrow(() -> new WeightsFileException(file, null, "a zip archive without " + DATA_PKL
              + ": not written by torch.save"));
      String prefix = pkl.getName().substring(0, pkl.getName().length() - DATA_PKL.length());
      ByteOrder order = byteOrder(zip, prefix, file);
      Object root = Pickles.load(file, prefix + DATA_PKL, member(zip, pkl, file, null), this::storage);
      Map<String, Object> dict = StateDicts.locate(file, root,
          v -> v instanceof Pickles.TorchTensor || v instanceof Pickles.NdArray);
      Map<String, WeightTensor> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : dict.entrySet()) {
        String name = e.getKey();
        tensors.put(name, e.getValue() instanceof Pickles.NdArray a ? a.toTensor(file, name)
            : tensor(zip, prefix, order, file, name, (Pickles.TorchTensor) e.getValue()));
      }
      return WeightsFile.of(file, WeightsFormat.PYTORCH, tensors, StateDicts.metadata(root));
    }
  }

  /** The persistent id of a storage: {@code ('storage', storage type, key, location, numel)}. */
  private Object storage(Object[] pid) {
    if (pid.length < 5 || !"storage".equals(pid[0]) || !(pid[1] instanceof Pickles.StorageType type)
        || !(pid[2] instanceof String key) || !(pid[4] instanceof Number numel)) {
      throw new net.razorvine.pickle.PickleException("unexpected persistent id " + Arrays.deepToString(pid));
    }
    return new Pickles.StorageRef(type, key, numel.longValue());
  }

  private static WeightTensor tensor(ZipFile zip, String prefix, ByteOrder order, Path file, String name,
      Pickles.TorchTensor t) throws IOException {
    Pickles.StorageType type = t.storage().type();
    DType dtype = type.dtype();
    if (dtype == null) {
      throw new WeightsFileException(file, name, "unknown dtype: torch." + type.name());
    }
    if (t.size().length != t.stride().length) {
      throw new WeightsFileException(file, name, "size " + Arrays.toString(t.size()) + " and stride "
          + Arrays.toString(t.stride()) + " differ in rank (corrupt data.pkl?)");
    }
    int n = Npy.count(file, name, t.size());
    long last = t.offset();
    for (int d = 0; d < t.size().length; d++) {
      if (t.stride()[d] < 0) {
        throw new WeightsFileException(file, name, "negative stride " + Arrays.toString(t.stride()));
      }
      last += (t.size()[d] - 1) * t.stride()[d];
    }
    long numel = t.storage().numel();
    if (n > 0 && (t.offset() < 0 || last >= numel)) {
      throw new WeightsFileException(file, name, "its view (offset " + t.offset() + ", size "
          + Arrays.toString(t.size()) + ", stride " + Arrays.toString(t.stride()) + ") runs past its storage of "
          + numel + " elements (corrupt data.pkl?)");
    }
    String member = prefix + "data/" + t.storage().key();
    ZipEntry entry = zip.getEntry(member);
    if (entry == null) {
      throw new WeightsFileException(file, name, "its storage " + member + " is missing from the archive");
    }
    byte[] bytes = member(zip, entry, file, name);
    long need = numel * dtype.bytes();
    if (bytes.length != need) {
      throw new WeightsFileException(file, name, "its storage " + member + " holds " + bytes.length
          + " bytes, " + numel + " elements of " + dtype + " need " + need + " (truncated or corrupt?)");
    }
    if (numel > Integer.MAX_VALUE - 8) {
      throw new WeightsFileException(file, name, "a storage of " + numel + " elements is too large to read here");
    }
    float[] storage = new float[(int) numel];
    dtype.decode(ByteBuffer.wrap(bytes).order(order), storage, 0, storage.length);
    float[] values;
    if (!contiguous(t)) {
      values = Npy.gather(storage, t.offset(), t.size(), t.stride());
    } else if (t.offset() == 0 && n == storage.length) {
      values = storage; // the usual case: a storage per tensor, no second copy (VGG's fc6 is 400 MB)
    } else {
      values = Arrays.copyOfRange(storage, (int) t.offset(), (int) t.offset() + n);
    }
    return WeightTensor.wrap(dtype, t.size(), values);
  }

  /** True when the view is row-major contiguous (any offset). */
  private static boolean contiguous(Pickles.TorchTensor t) {
    long expected = 1;
    for (int d = t.size().length - 1; d >= 0; d--) {
      if (t.size()[d] != 1 && t.stride()[d] != expected) {
        return false;
      }
      expected *= t.size()[d];
    }
    return true;
  }

  private static ByteOrder byteOrder(ZipFile zip, String prefix, Path file) throws IOException {
    ZipEntry entry = zip.getEntry(prefix + "byteorder");
    if (entry == null) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    String order = new String(member(zip, entry, file, null), StandardCharsets.US_ASCII).strip();
    return switch (order) {
      case "little" -> ByteOrder.LITTLE_ENDIAN;
      case "big" -> ByteOrder.BIG_ENDIAN;
      default -> throw new WeightsFileException(file, null, "unknown byte order '" + order + "' in "
          + entry.getName());
    };
  }

  private static byte[] member(ZipFile zip, ZipEntry entry, Path file, String tensor) throws WeightsFileException {
    if (entry.getSize() > Integer.MAX_VALUE - 8) {
      throw new WeightsFileException(file, tensor, "member " + entry.getName() + " of " + entry.getSize()
          + " bytes is too large to read here");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readAllBytes();
      if (entry.getSize() >= 0 && bytes.length != entry.getSize()) {
        throw new WeightsFileException(file, tensor, "member " + entry.getName() + " holds " + bytes.length
            + " of its " + entry.getSize() + " bytes (truncated or corrupt?)");
      }
      return bytes;
    } catch (WeightsFileException e) {
      throw e;
    } catch (IOException e) {
      throw new WeightsFileException(file, tensor, "cannot read member " + entry.getName()
          + " (truncated or corrupt?): " + e.getMessage(), e);
    }
  }
}
