package dev.rethink.runtime.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tensors of one weights file by their names in the file, in the file's order, with whatever the file says
 * about where it comes from ({@link #metadata()}: Detectron2's {@code __author__}, safetensors'
 * {@code __metadata__}). Values are float32 in the source's layout; nothing is renamed or transposed here.
 *
 * <pre>{@code
 * WeightsFile w = WeightsFile.read(Path.of("resnet50-0676ba61.pth"));  // format from the content
 * w.get("layer1.0.conv1.weight").orElseThrow().shape();                // [64, 64, 1, 1] (OIHW)
 * }</pre>
 */
public final class WeightsFile {
  private final Path file;
  private final WeightsFormat format;
  private final Map<String, WeightTensor> tensors;
  private final Map<String, String> metadata;

  private WeightsFile(Path file, WeightsFormat format, Map<String, WeightTensor> tensors,
      Map<String, String> metadata) {
    this.file = file;
    this.format = format;
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A weights file assembled in memory ({@code file} only labels it in messages). */
  public static WeightsFile of(Path file, WeightsFormat format, Map<String, WeightTensor> tensors,
      Map<String, String> metadata) {
    return new WeightsFile(file, format, tensors, metadata);
  }

  /**
   * Reads {@code file}, choosing the format by its content ({@link WeightsFormat#detect}).
   *
   * @throws WeightsFileException when the file is truncated, corrupt, of an unknown dtype or holds no tensors
   * @throws IOException when it cannot be read at all
   */
  public static WeightsFile read(Path file) throws IOException {
    return read(file, WeightsFormat.detect(file));
  }

  /** Reads {@code file} as {@code format}. */
  public static WeightsFile read(Path file, WeightsFormat format) throws IOException {
    return format.reader().read(file);
  }

  /** The file read (or the label of an in-memory file). */
  public Path file() {
    return file;
  }

  /** The format it was read as. */
  public WeightsFormat format() {
    return format;
  }

  /** Every tensor by name, in the file's order. */
  public Map<String, WeightTensor> tensors() {
    return tensors;
  }

  /** The tensor names, in the file's order. */
  public Set<String> names() {
    return tensors.keySet();
  }

  /** The tensor called {@code name}, if any. */
  public Optional<WeightTensor> get(String name) {
    return Optional.ofNullable(tensors.get(name));
  }

  /** String facts the file carries about itself (author, format version); often empty. */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return file + " (" + format + ", " + tensors.size() + " tensors)";
  }

  /** Reads one format; each is package-private and chosen through {@link WeightsFormat}. */
  interface Reader {
    WeightsFile read(Path file) throws IOException;
  }
}
