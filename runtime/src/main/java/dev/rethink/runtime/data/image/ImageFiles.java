package dev.rethink.runtime.data.image;

import dev.rethink.runtime.data.DataException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reads JPEG and PNG files with {@link ImageIO}. A file that does not decode cleanly is an error naming it:
 * ImageIO only <em>warns</em> about a truncated JPEG ("Premature end of JPEG file") and returns a partly grey
 * image, so its warnings are turned into errors here.
 */
public final class ImageFiles {
  private ImageFiles() {}

  /** Decodes {@code file} to RGB; alpha is dropped and grey is replicated, as PIL's {@code convert("RGB")}. */
  public static RgbImage read(Path file) {
    return toRgb(readBuffered(file));
  }

  /** Width and height from the file header, without decoding the pixels. */
  public static int[] size(Path file) {
    try (ImageInputStream in = open(file)) {
      ImageReader reader = reader(file, in);
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new DataException(file + ": cannot read the image header: " + e.getMessage(), e);
    }
  }

  /** Decodes {@code file} as ImageIO gives it, failing on any decoder warning. */
  public static BufferedImage readBuffered(Path file) {
    try (ImageInputStream in = open(file)) {
      ImageReader reader = reader(file, in);
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      try {
        reader.setInput(in, true, true);
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new DataException(file + ": corrupt image: " + String.join("; ", warnings));
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataException d) {
        throw d;
      }
      throw new DataException(file + ": corrupt image: " + e, e);
    }
  }

  private static ImageInputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": image file is missing");
    }
    ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
    if (in == null) {
      throw new DataException(file + ": cannot open the image file");
    }
    return in;
  }

  private static ImageReader reader(Path file, ImageInputStream in) {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      throw new DataException(file + ": not a JPEG or PNG image (no decoder recognizes its header)");
    }
    return readers.next();
  }

  /**
   * Writes {@code image} as a baseline JPEG at the given quality (0..1) with ImageIO's encoder; the bytes depend
   * only on the pixels and the quality.
   */
  public static void writeJpeg(BufferedImage image, float quality, Path file) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    // An in-memory cache: ImageIO's default file cache leaves imageio*.tmp files behind in java.io.tmpdir when the
    // process is killed, and closing it would not close the file stream under it.
    try (OutputStream fileStream = Files.newOutputStream(file);
        ImageOutputStream out = new MemoryCacheImageOutputStream(fileStream)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the JPEG: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
  }

  /** Writes {@code image} as a PNG. */
  public static void writePng(BufferedImage image, Path file) {
    try {
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IOException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the PNG: " + e.getMessage(), e);
    }
  }

  /** Interleaved RGB bytes of any {@link BufferedImage}, with fast paths for the types decoders produce. */
  public static RgbImage toRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[w * h * 3];
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
        && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getData().length == out.length && image.getRaster().getParent() == null) {
      byte[] bgr = buffer.getData();
      for (int i = 0; i < out.length; i += 3) {
        out[i] = bgr[i + 2];
        out[i + 1] = bgr[i + 1];
        out[i + 2] = bgr[i];
      }
    } else if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
        && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getData().length == w * h && image.getRaster().getParent() == null) {
      byte[] grey = buffer.getData();
      for (int i = 0, o = 0; i < grey.length; i++, o += 3) {
        out[o] = grey[i];
        out[o + 1] = grey[i];
        out[o + 2] = grey[i];
      }
    } else {
      // Other layouts (palette PNG, RGBA, 16-bit): ImageIO's own conversion to 8-bit sRGB, alpha ignored.
      int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
      for (int i = 0, o = 0; i < argb.length; i++, o += 3) {
        out[o] = (byte) (argb[i] >> 16);
        out[o + 1] = (byte) (argb[i] >> 8);
        out[o + 2] = (byte) argb[i];
      }
    }
    return new RgbImage(w, h, out);
  }
}
