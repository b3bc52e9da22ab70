package dev.rethink.runtime.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The weight file formats this package reads, each with its reader. */
public enum WeightsFormat {
  /**
   * {@code torch.save} of a state dict (or of a dict holding one under {@code model} / {@code state_dict}) in
   * PyTorch's zip format (the default since PyTorch 1.6): {@code <archive>/data.pkl} plus one raw storage per
   * tensor under {@code <archive>/data/}. torchvision's published weights are in it.
   */
  PYTORCH(new TorchZipReader()),
  /**
   * A pickled dict of numpy arrays: Detectron2's {@code {"model": {...}, "__author__": ...}}, Detectron's
   * {@code {"blobs": {...}}} or a flat {@code {name: array}} (Detectron's ImageNet models).
   */
  PICKLE(new PickleReader()),
  /** safetensors: an 8-byte little-endian header length, a JSON header, raw little-endian data. */
  SAFETENSORS(new SafetensorsReader()),
  /** numpy's {@code .npz}: a zip of {@code .npy} files, one per tensor, named by the member name. */
  NPZ(new NpzReader());

  private static final byte[] ZIP = {'P', 'K'};
  private static final byte PICKLE_PROTO = (byte) 0x80;

  private final WeightsFile.Reader reader;

  WeightsFormat(WeightsFile.Reader reader) {
    this.reader = reader;
  }

  WeightsFile.Reader reader() {
    return reader;
  }

  /**
   * The format of {@code file}, from its first bytes (a zip is told apart by whether it holds a {@code data.pkl}
   * or {@code .npy} members), else from its extension ({@code .pth .pt .bin .pkl .safetensors .npz}) so that a
   * damaged file still goes to the reader that can say what is wrong with it.
   *
   * @throws WeightsFileException when neither tells
   */
  public static WeightsFormat detect(Path file) throws IOException {
    byte[] head = new byte[9];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 2 && head[0] == ZIP[0] && head[1] == ZIP[1]) {
      WeightsFormat zip = zipKind(file);
      if (zip != null) {
        return zip;
      }
    } else if (n >= 2 && head[0] == PICKLE_PROTO) {
      return PICKLE;
    } else if (n == 9 && head[8] == '{') {
      long headerLength = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (headerLength > 0) {
        return SAFETENSORS;
      }
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".pth") || name.endsWith(".pt") || name.endsWith(".bin")) {
      return PYTORCH;
    }
    if (name.endsWith(".pkl") || name.endsWith(".pickle")) {
      return PICKLE;
    }
    if (name.endsWith(".safetensors")) {
      return SAFETENSORS;
    }
    if (name.endsWith(".npz")) {
      return NPZ;
    }
    if (n >= 2 && head[0] == ZIP[0] && head[1] == ZIP[1]) {
      throw new WeightsFileException(file, null, "a zip archive that cannot be opened or holds neither data.pkl"
          + " (PyTorch) nor .npy members (numpy .npz): truncated or corrupt?");
    }
    String start = new String(head, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1);
    throw new WeightsFileException(file, null, "not a weights file this project reads (" + n + " leading bytes "
        + printable(start) + "; expected a PyTorch .pth zip, a pickle, safetensors or .npz)");
  }

  /** PYTORCH or NPZ by the members of a readable zip; null when it cannot be opened or holds neither. */
  private static WeightsFormat zipKind(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      boolean npy = false;
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.getName().endsWith("data.pkl")) {
          return PYTORCH;
        }
        npy |= e.getName().endsWith(".npy");
      }
      return npy ? NPZ : null;
    } catch (IOException e) {
      return null; // damaged: the extension decides which reader reports it
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return b.append('"').toString();
  }
}
