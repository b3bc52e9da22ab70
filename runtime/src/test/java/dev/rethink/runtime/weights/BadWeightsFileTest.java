package dev.rethink.runtime.weights;

import static dev.rethink.runtime.weights.WeightsFileTest.npy;
import static dev.rethink.runtime.weights.WeightsFileTest.safetensors;
import static dev.rethink.runtime.weights.WeightsFixtures.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every damaged or foreign file fails the read with an error naming the file and, where known, the tensor. */
class BadWeightsFileTest {
  @TempDir
  Path dir;

  @Test
  void truncatedPthNamesTheFile() throws IOException {
    Path file = truncate("r18.pth", 0.6);
    WeightsFileException e = fails(file, null);
    assertTrue(e.getMessage().contains("not a readable PyTorch zip archive"), e.getMessage());
  }

  @Test
  void pthWithAStorageCutShortNamesTheTensor() throws IOException {
    Path file = dir.resolve("short_storage.pth");
    rewriteZip(path("r18.pth"), file, (name, bytes) -> name.equals("r18/data/0") ? Arrays.copyOf(bytes, 100)
        : bytes);
    WeightsFileException e = fails(file, "conv1.weight");
    assertTrue(e.getMessage().contains("r18/data/0 holds 100 bytes"), e.getMessage());
  }

  @Test
  void pthWithoutAStorageNamesTheTensor() throws IOException {
    Path file = dir.resolve("missing_storage.pth");
    rewriteZip(path("r18.pth"), file, (name, bytes) -> name.equals("r18/data/5") ? null : bytes);
    WeightsFileException e = fails(file, null);
    assertTrue(e.tensor().isPresent() && e.getMessage().contains("r18/data/5 is missing"), e.getMessage());
  }

  @Test
  void pthOfAComplexTensorIsAnUnknownDtype() throws IOException {
    WeightsFileException e = fails(path("complex.pth"), "w");
    assertTrue(e.getMessage().contains("unknown dtype: torch.ComplexFloatStorage"), e.getMessage());
  }

  @Test
  void pthOfAListIsNoStateDict() throws IOException {
    WeightsFileException e = fails(path("not_state_dict.pth"), null);
    assertTrue(e.getMessage().contains("not a state dict: the pickle holds a list"), e.getMessage());
  }

  @Test
  void legacyTorchSaveIsNamedAsSuch() throws IOException {
    WeightsFileException e = fails(path("legacy.pt"), null);
    assertTrue(e.getMessage().contains("legacy torch.save format"), e.getMessage());
  }

  @Test
  void safetensorsHeaderLengthPastTheEndNamesTheFile() throws IOException {
    Path file = truncate("r18.safetensors", 0.02); // ~1 KB of a ~6 KB header
    WeightsFileException e = fails(file, null);
    assertTrue(e.getMessage().contains("header length") && e.getMessage().contains("runs past the end"),
        e.getMessage());
  }

  @Test
  void safetensorsDataOffsetsPastTheEndNameTheTensor() throws IOException {
    Path file = truncate("r18.safetensors", 0.95);
    WeightsFileException e = fails(file, null);
    assertTrue(e.tensor().isPresent(), e.getMessage());
    assertTrue(e.getMessage().contains("data offsets") && e.getMessage().contains("run past"), e.getMessage());
  }

  @Test
  void safetensorsUnknownDtypeNamesTheTensor() throws IOException {
    Path file = Files.write(dir.resolve("f8.safetensors"), safetensors(
        "{\"ok\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"scaled\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[4,8]}}", new byte[8]));
    WeightsFileException e = fails(file, "scaled");
    assertTrue(e.getMessage().contains("unknown dtype F8_E4M3"), e.getMessage());
  }

  @Test
  void safetensorsWhoseHeaderIsNotJsonNamesTheFile() throws IOException {
    Path file = Files.write(dir.resolve("bad.safetensors"), safetensors("{\"w\": {\"dtype\": ", new byte[4]));
    assertTrue(fails(file, null).getMessage().contains("not valid JSON"));
  }

  @Test
  void npzOfComplex64NamesTheTensor() throws IOException {
    Path file = npz("complex.npz", Map.of("ok", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
        new byte[4]), "phase", npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", new byte[16])));
    WeightsFileException e = fails(file, "phase");
    assertTrue(e.getMessage().contains("unknown dtype: numpy dtype '<c8' (complex)"), e.getMessage());
  }

  @Test
  void corruptNpyHeadersNameTheTensor() throws IOException {
    byte[] badMagic = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
    badMagic[1] = 'X';
    assertTrue(fails(npz("magic.npz", Map.of("a", badMagic)), "a").getMessage().contains("no \\x93NUMPY magic"));
    byte[] notADict = npy("['descr', '<f4']", new byte[4]);
    assertTrue(fails(npz("list.npz", Map.of("b", notADict)), "b").getMessage().contains("corrupt .npy header"));
    byte[] garbled = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), ", new byte[4]);
    assertTrue(fails(npz("garbled.npz", Map.of("c", garbled)), "c").getMessage().contains("corrupt .npy header"));
    byte[] longHeader = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
    ByteBuffer.wrap(longHeader).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 5000);
    assertTrue(fails(npz("long.npz", Map.of("d", longHeader)), "d").getMessage().contains("runs past the end"));
    byte[] shortData = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", new byte[8]);
    assertTrue(fails(npz("short.npz", Map.of("e", shortData)), "e").getMessage().contains("needs 12"));
  }

  @Test
  void truncatedNpzNamesTheFile() throws IOException {
    Path file = dir.resolve("vgg16.npz");
    byte[] all = Files.readAllBytes(path("vgg16.npz"));
    Files.write(file, Arrays.copyOf(all, all.length / 2));
    assertTrue(fails(file, null).getMessage().contains("not a readable .npz"));
  }

  @Test
  void truncatedPickleNamesTheFile() throws IOException {
    Path file = truncate("x50_c2.pkl", 0.5);
    assertTrue(fails(file, null).getMessage().contains("is not a valid pickle"));
  }

  @Test
  void pickleOfAListOrOfStringsIsNoStateDict() throws IOException {
    // pickle.dumps([1, 2], protocol=2) and pickle.dumps({'a': 'x'}, protocol=2)
    Path list = Files.write(dir.resolve("list.pkl"), new byte[] {(byte) 0x80, 2, ']', 'q', 0, '(', 'K', 1, 'K', 2,
        'e', '.'});
    assertTrue(fails(list, null).getMessage().contains("not a state dict: the pickle holds a list"));
    Path strings = Files.write(dir.resolve("strings.pkl"), new byte[] {(byte) 0x80, 2, '}', 'q', 0, 'X', 1, 0, 0,
        0, 'a', 'q', 1, 'X', 1, 0, 0, 0, 'x', 'q', 2, 's', '.'});
    WeightsFileException e = fails(strings, "a");
    assertTrue(e.getMessage().contains("is a str, not a tensor"), e.getMessage());
  }

  @Test
  void unknownContentWithoutAKnownExtensionIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hello weights");
    assertTrue(fails(file, null).getMessage().contains("not a weights file"));
  }

  /** Reads {@code file}, expecting the error to name it and, when given, {@code tensor}. */
  private static WeightsFileException fails(Path file, String tensor) {
    WeightsFileException e = assertThrows(WeightsFileException.class, () -> WeightsFile.read(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    if (tensor != null) {
      assertEquals(Optional.of(tensor), e.tensor(), e.getMessage());
      assertTrue(e.getMessage().contains("tensor '" + tensor + "'"), e.getMessage());
    }
    return e;
  }

  private Path truncate(String fixture, double fraction) throws IOException {
    byte[] all = Files.readAllBytes(path(fixture));
    return Files.write(dir.resolve("truncated_" + fixture), Arrays.copyOf(all, (int) (all.length * fraction)));
  }

  private Path npz(String name, Map<String, byte[]> members) throws IOException {
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

  private interface Edit {
    /** The member's new bytes, or null to drop it. */
    byte[] apply(String name, byte[] bytes);
  }

  private static void rewriteZip(Path from, Path to, Edit edit) throws IOException {
    try (ZipFile in = new ZipFile(from.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry e : Collections.list(in.entries())) {
        byte[] bytes;
        try (InputStream s = in.getInputStream(e)) {
          bytes = edit.apply(e.getName(), s.readAllBytes());
        }
        if (bytes != null) {
          out.putNextEntry(new ZipEntry(e.getName()));
          out.write(bytes);
          out.closeEntry();
        }
      }
    }
  }
}
