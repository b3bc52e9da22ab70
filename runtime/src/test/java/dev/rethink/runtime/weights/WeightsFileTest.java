package dev.rethink.runtime.weights;

import static dev.rethink.runtime.weights.WeightsFixtures.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers on torchvision-written fixtures (values printed by PyTorch when the fixtures were made, and the
 * agreement of independent readers on one state dict) and on tiny files built byte by byte here.
 */
class WeightsFileTest {
  @TempDir
  Path dir;

  @Test
  void pthReadsTorchvisionsStateDictWithItsShapesDtypesAndValues() throws IOException {
    WeightsFile w = WeightsFile.read(path("r18.pth"));
    assertEquals(WeightsFormat.PYTORCH, w.format());
    assertEquals(122, w.tensors().size(), "torch.load(r18.pth) has 122 entries");
    assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean"),
        w.names().stream().limit(4).toList(), "the state dict's order");
    WeightTensor conv1 = w.get("conv1.weight").orElseThrow();
    assertArrayEquals(new long[] {2, 3, 7, 7}, conv1.shape());
    assertEquals(DType.FLOAT32, conv1.dtype());
    // Printed by PyTorch: sd['conv1.weight'][0, 0, 0, :3] and [1, 0, 1, 2].
    assertArrayEquals(new float[] {0.010356195271015167f, 0.07730194926261902f, -0.07324618846178055f},
        java.util.Arrays.copyOf(conv1.values(), 3), 0f);
    assertEquals(-0.029767734929919243f, conv1.get(((1 * 3 + 0) * 7 + 1) * 7 + 2), 0f);
    assertArrayEquals(new float[] {0.29796385765075684f, 0.29030051827430725f},
        w.get("bn1.running_var").orElseThrow().values(), 0f);
    WeightTensor count = w.get("layer1.0.bn1.num_batches_tracked").orElseThrow();
    assertEquals(DType.INT64, count.dtype());
    assertArrayEquals(new long[0], count.shape(), "a 0-d tensor");
    assertEquals(4f, count.get(0), "four batches measured the statistics");
  }

  @Test
  void safetensorsAndPthOfOneStateDictAgree() throws IOException {
    WeightsFile pth = WeightsFile.read(path("r18.pth"));
    WeightsFile st = WeightsFile.read(path("r18.safetensors"));
    assertEquals(WeightsFormat.SAFETENSORS, st.format());
    assertEquals(Map.of("format", "pt"), st.metadata());
    assertSameTensors(pth, st.tensors());
  }

  @Test
  void detectron2PickleHoldsTheSameTensorsUnderItsNames() throws IOException {
    WeightsFile pth = WeightsFile.read(path("r18.pth"));
    WeightsFile d2 = WeightsFile.read(path("r18_d2.pkl"));
    assertEquals(WeightsFormat.PICKLE, d2.format());
    assertEquals("make_fixtures.py", d2.metadata().get("__author__"));
    assertEquals("true", d2.metadata().get("matching_heuristics"));
    assertArrayEquals(pth.get("layer2.0.downsample.1.running_var").orElseThrow().values(),
        d2.get("backbone.bottom_up.res3.0.shortcut.norm.running_var").orElseThrow().values(), 0f);
    assertArrayEquals(pth.get("layer4.1.conv2.weight").orElseThrow().values(),
        d2.get("backbone.bottom_up.res5.1.conv2.weight").orElseThrow().values(), 0f);
    assertEquals(100, d2.tensors().size(), "122 minus fc (2) and num_batches_tracked (20)");
  }

  @Test
  void python2StylePickleOfDetectronBlobsReads() throws IOException {
    WeightsFile c2 = WeightsFile.read(path("x50_c2.pkl"));
    WeightsFile st = WeightsFile.read(path("x50.safetensors"));
    assertEquals(st.get("conv1.weight").orElseThrow().values().length, c2.get("conv1_w").orElseThrow().size());
    assertArrayEquals(st.get("conv1.weight").orElseThrow().values(), c2.get("conv1_w").orElseThrow().values(), 0f);
    assertArrayEquals(st.get("layer3.5.conv2.weight").orElseThrow().values(),
        c2.get("res4_5_branch2b_w").orElseThrow().values(), 0f);
    assertTrue(c2.names().contains("conv1_w_momentum"));
    assertTrue(c2.metadata().get("cfg").startsWith("MODEL:"), "the root's other entries are metadata");
  }

  @Test
  void npzReadsTorchvisionVggFeatures() throws IOException {
    WeightsFile w = WeightsFile.read(path("vgg16.npz"));
    assertEquals(WeightsFormat.NPZ, w.format());
    assertEquals(26, w.tensors().size());
    assertArrayEquals(new float[] {-0.08171093463897705f, -0.02749607525765896f},
        w.get("features.0.bias").orElseThrow().values(), 0f);
    assertArrayEquals(new long[] {16, 16, 3, 3}, w.get("features.28.weight").orElseThrow().shape());
  }

  @Test
  void formatIsToldByContentWhateverTheExtension() throws IOException {
    for (String name : List.of("r18.pth", "r18.safetensors", "r18_d2.pkl", "vgg16.npz")) {
      Path renamed = dir.resolve(name.replace('.', '_') + ".weights");
      Files.copy(path(name), renamed);
      assertEquals(WeightsFile.read(path(name)).format(), WeightsFormat.detect(renamed), name);
    }
  }

  /** Hand-made safetensors: F16, BF16, I64 and F64 values whose float32 values are exact. */
  @Test
  void safetensorsDecodesHalfBfloatIntegerAndDouble() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(2 * 3 + 2 * 2 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
    data.putShort((short) 0x3e00).putShort((short) 0xc000).putShort((short) 0x0001); // 1.5, -2, 2^-24
    data.putShort((short) 0x4040).putShort((short) 0xbf80); // bf16 3.0, -1.0
    data.putLong(-7L);
    data.putDouble(0.25);
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[6,10]},"
        + "\"i\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[10,18]},"
        + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[18,26]}}";
    Path file = write("tiny.safetensors", safetensors(header, data.array()));
    WeightsFile w = WeightsFile.read(file);
    assertArrayEquals(new float[] {1.5f, -2f, 0x1p-24f}, w.get("h").orElseThrow().values(), 0f);
    assertArrayEquals(new float[] {3f, -1f}, w.get("b").orElseThrow().values(), 0f);
    assertArrayEquals(new long[] {1, 2}, w.get("b").orElseThrow().shape());
    assertArrayEquals(new float[] {-7f}, w.get("i").orElseThrow().values(), 0f);
    assertArrayEquals(new float[] {0.25f}, w.get("d").orElseThrow().values(), 0f);
  }

  /** A Fortran-ordered and a big-endian array in a hand-made .npz. */
  @Test
  void npyFortranOrderAndBigEndianAreRearranged() throws IOException {
    ByteBuffer f = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : new float[] {1, 4, 2, 5, 3, 6}) { // column-major storage of [[1, 2, 3], [4, 5, 6]]
      f.putFloat(v);
    }
    ByteBuffer big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(-1.5f).putFloat(1e-3f);
    Path file = npz("tiny.npz", Map.of(
        "f", npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", f.array()),
        "big", npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", big.array())));
    WeightsFile w = WeightsFile.read(file);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.get("f").orElseThrow().values(), 0f);
    assertArrayEquals(new float[] {-1.5f, 1e-3f}, w.get("big").orElseThrow().values(), 0f);
  }

  /**
   * The bytes Python 2's cPickle writes for {@code {'w': numpy.array([1.0, -2.5], 'f4')}} with protocol 2: the
   * array data is a Python 2 {@code str} (SHORT_BINSTRING), as in Detectron's own {@code .pkl} files.
   */
  @Test
  void python2NumpyPickleWithStrDataReads() throws IOException {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.writeBytes(new byte[] {(byte) 0x80, 2, '}', '(', 'U', 1, 'w'});
    p.writeBytes(ascii("cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\u0000\u0085U\u0001b\u0087R("));
    p.writeBytes(ascii("K\u0001K\u0002\u0085cnumpy\ndtype\nU\u0002f4K\u0000K\u0001\u0087R"));
    p.writeBytes(ascii("(K\u0003U\u0001<NNNJ"));
    p.writeBytes(new byte[] {-1, -1, -1, -1, 'J', -1, -1, -1, -1, 'K', 0, 't', 'b', (byte) 0x89, 'U', 8});
    p.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(-2.5f).array());
    p.writeBytes(ascii("tbu."));
    WeightsFile w = WeightsFile.read(write("py2.pkl", p.toByteArray()));
    assertEquals(List.of("w"), List.copyOf(w.names()));
    assertArrayEquals(new float[] {1f, -2.5f}, w.get("w").orElseThrow().values(), 0f);
  }

  private static void assertSameTensors(WeightsFile expected, Map<String, WeightTensor> actual) {
    assertEquals(expected.names(), actual.keySet());
    for (Map.Entry<String, WeightTensor> e : expected.tensors().entrySet()) {
      WeightTensor a = actual.get(e.getKey());
      assertArrayEquals(e.getValue().shape(), a.shape(), e.getKey());
      assertEquals(e.getValue().dtype(), a.dtype(), e.getKey());
      assertArrayEquals(e.getValue().values(), a.values(), 0f, e.getKey());
    }
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] safetensors(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h)
        .put(data).array();
  }

  static byte[] npy(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
    return ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h).put(data)
        .array();
  }

  Path npz(String name, Map<String, byte[]> members) throws IOException {
    Path file = dir.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        zip.putNextEntry(new ZipEntry(m.getKey() + ".npy"));
        zip.write(m.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }
}
