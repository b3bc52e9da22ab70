package dev.rethink.runtime.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * safetensors: an unsigned 64-bit little-endian header length N, N bytes of JSON
 * {@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}}, then the
 * data, little-endian, each tensor at {@code [begin, end)} relative to the end of the header. Every offset is
 * checked against the file before any tensor is read.
 */
final class SafetensorsReader implements WeightsFile.Reader {
  /** The format's own bound on the header (safetensors refuses larger ones too). */
  private static final long MAX_HEADER = 100L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public WeightsFile read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw new WeightsFileException(file, null, "safetensors file of " + size
            + " bytes: shorter than its 8-byte header length (truncated?)");
      }
      long headerLength = read(ch, 0, 8).getLong();
      if (headerLength <= 0 || headerLength > size - 8) {
        throw new WeightsFileException(file, null, "safetensors header length " + Long.toUnsignedString(headerLength)
            + " runs past the end of the file (" + size + " bytes; truncated?)");
      }
      if (headerLength > MAX_HEADER) {
        throw new WeightsFileException(file, null, "safetensors header of " + headerLength
            + " bytes exceeds the format's " + MAX_HEADER + "-byte limit (corrupt?)");
      }
      ByteBuffer headerBytes = read(ch, 8, (int) headerLength);
      JsonNode header;
      try {
        header = JSON.readTree(new String(headerBytes.array(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (JsonProcessingException e) {
        throw new WeightsFileException(file, null, "safetensors header is not valid JSON (corrupt?): "
            + e.getOriginalMessage(), e);
      }
      if (header == null || !header.isObject()) {
        throw new WeightsFileException(file, null, "safetensors header is not a JSON object");
      }
      long dataStart = 8 + headerLength;
      long dataLength = size - dataStart;
      Map<String, Entry> entries = new LinkedHashMap<>();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> f : header.properties()) {
        if (f.getKey().equals("__metadata__")) {
          f.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
          continue;
        }
        entries.put(f.getKey(), entry(file, f.getKey(), f.getValue(), dataLength));
      }
      Map<String, WeightTensor> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, Entry> e : entries.entrySet()) {
        Entry t = e.getValue();
        float[] values = new float[t.count];
        ByteBuffer data = read(ch, dataStart + t.begin, (int) (t.end - t.begin));
        t.dtype.decode(data, values, 0, t.count);
        tensors.put(e.getKey(), WeightTensor.wrap(t.dtype, t.shape, values));
      }
      return WeightsFile.of(file, WeightsFormat.SAFETENSORS, tensors, metadata);
    }
  }

  private record Entry(DType dtype, long[] shape, int count, long begin, long end) {}

  /** One header entry, checked: known dtype, a shape, offsets inside the data that fit the shape exactly. */
  private static Entry entry(Path file, String name, JsonNode node, long dataLength) throws WeightsFileException {
    JsonNode dtypeNode = node.get("dtype");
    JsonNode shapeNode = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (dtypeNode == null || !dtypeNode.isTextual() || shapeNode == null || !shapeNode.isArray() || offsets == null
        || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
        || !offsets.get(1).canConvertToLong()) {
      throw new WeightsFileException(file, name, "header entry " + node + " needs dtype, shape and two"
          + " data_offsets");
    }
    DType dtype = dtype(dtypeNode.asText());
    if (dtype == null) {
      throw new WeightsFileException(file, name, "unknown dtype " + dtypeNode.asText() + " (reads F64, F32, F16,"
          + " BF16, I64, I32, I16, I8, U8, BOOL)");
    }
    long[] shape = new long[shapeNode.size()];
    for (int d = 0; d < shape.length; d++) {
      JsonNode dim = shapeNode.get(d);
      if (!dim.canConvertToLong() || dim.asLong() < 0) {
        throw new WeightsFileException(file, name, "bad shape " + shapeNode);
      }
      shape[d] = dim.asLong();
    }
    int count = Npy.count(file, name, shape);
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    if (begin < 0 || end < begin || end > dataLength) {
      throw new WeightsFileException(file, name, "data offsets [" + begin + ", " + end + "] run past the "
          + dataLength + " bytes of data (truncated?)");
    }
    long need = (long) count * dtype.bytes();
    if (end - begin != need) {
      throw new WeightsFileException(file, name, "data offsets [" + begin + ", " + end + "] hold " + (end - begin)
          + " bytes but shape " + shapeNode + " of " + dtypeNode.asText() + " needs " + need);
    }
    return new Entry(dtype, shape, count, begin, end);
  }

  private static DType dtype(String name) {
    return switch (name) {
      case "F64" -> DType.FLOAT64;
      case "F32" -> DType.FLOAT32;
      case "F16" -> DType.FLOAT16;
      case "BF16" -> DType.BFLOAT16;
      case "I64" -> DType.INT64;
      case "I32" -> DType.INT32;
      case "I16" -> DType.INT16;
      case "I8" -> DType.INT8;
      case "U8" -> DType.UINT8;
      case "BOOL" -> DType.BOOL;
      default -> null;
    };
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new java.io.EOFException("at " + (position + b.position()));
      }
    }
    return b.flip();
  }
}
