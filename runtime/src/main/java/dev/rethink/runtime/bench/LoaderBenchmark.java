package dev.rethink.runtime.bench;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.multibindings.OptionalBinder;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.DataSource;
import dev.rethink.runtime.data.DetectionBatch;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.PipelineSettings;
import dev.rethink.runtime.data.detection.ImageRecord;
import dev.rethink.runtime.data.image.ImageFiles;
import dev.rethink.runtime.data.synthetic.SyntheticDataModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Input-pipeline throughput on the synthetic COCO set at the paper's input size (shorter side 800, longer at
 * most 1333): decoding, resizing, flipping, normalizing, box masks and padding on {@code --threads} threads,
 * nothing cached in memory. Prints
 * <ul>
 *   <li>images/s when the consumer takes batches as fast as they come;</li>
 *   <li>the share of a simulated training step ({@code --step-ms} per batch of {@code --batch} images) spent
 *       waiting for data;</li>
 *   <li>the decode time per image of each JPEG decoder ImageIO offers (the JDK's, and TwelveMonkeys' if it is on
 *       the class path).</li>
 * </ul>
 * Usage: {@code LoaderBenchmark [--cache DIR] [--images N] [--image-size PX] [--threads T] [--batch B]
 * [--step-ms MS]}.
 */
public final class LoaderBenchmark {
  private LoaderBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path cache = Path.of(arg(args, "--cache", ".rethink-cache"));
    int images = Integer.parseInt(arg(args, "--images", "64"));
    int imageSize = Integer.parseInt(arg(args, "--image-size", "640"));
    int threads = Integer.parseInt(arg(args, "--threads", "2"));
    int batch = Integer.parseInt(arg(args, "--batch", "2"));
    long stepMs = Long.parseLong(arg(args, "--step-ms", "1000"));

    SyntheticCoco spec = SyntheticCoco.instances(images, 16, imageSize, 1);
    PipelineSettings settings = new PipelineSettings(threads, PipelineSettings.DEFAULT_PREFETCH_BATCHES, 0);
    DataSource source = Guice.createInjector(new SyntheticDataModule(cache), new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), PipelineSettings.class).setBinding().toInstance(settings);
      }
    }).getInstance(DataSource.class);
    long t0 = System.nanoTime();
    DetectionData data = source.detection(spec, DetectionInput.detectron());
    System.out.printf(Locale.ROOT, "synthetic COCO: %d training images of longer side %d px, opened in %.1f s"
        + " (generated on first use into %s)%n", data.trainSize(), imageSize, (System.nanoTime() - t0) * 1e-9,
        cache.toAbsolutePath());
    System.out.printf(Locale.ROOT, "JPEG decoder used by the pipeline: %s%n", jpegReaders().get(0));

    // Warm-up: one pass over the set, so the JIT has compiled the hot loops.
    int batches = Math.max(1, data.trainSize() / batch);
    try (BatchStream<DetectionBatch> s = data.train(0, batch, 0)) {
      for (int i = 0; i < batches; i++) {
        s.next();
      }
    }
    try (BatchStream<DetectionBatch> s = data.train(1, batch, 0)) {
      long start = System.nanoTime();
      long pixels = 0;
      for (int i = 0; i < 2 * batches; i++) {
        DetectionBatch b = s.next();
        pixels += (long) b.height() * b.width() * b.size();
      }
      double seconds = (System.nanoTime() - start) * 1e-9;
      System.out.printf(Locale.ROOT, "throughput: %.1f images/s on %d threads (%d batches of %d, %.2f Mpixel padded"
          + " per image)%n", 2 * batches * batch / seconds, threads, 2 * batches, batch,
          pixels / 1e6 / (2 * batches * batch));
    }
    try (BatchStream<DetectionBatch> s = data.train(2, batch, 0)) {
      long start = System.nanoTime();
      int steps = Math.min(2 * batches, 20);
      for (int i = 0; i < steps; i++) {
        s.next();
        Thread.sleep(stepMs);
      }
      double total = (System.nanoTime() - start) * 1e-9;
      System.out.printf(Locale.ROOT, "simulated training, %d ms per step of %d images: %.1f%% of step time waiting"
          + " for data (%.2f s of %.1f s)%n", stepMs, batch, 100 * s.waitSeconds() / total, s.waitSeconds(), total);
    }

    List<Path> files = new ArrayList<>();
    for (ImageRecord im : data.evalSet().images()) {
      if (im.file().toString().endsWith(".jpg")) {
        files.add(im.file());
      }
    }
    for (ImageReader reader : jpegReaders()) {
      double ms = decodeMillis(reader, files);
      System.out.printf(Locale.ROOT, "decode %-60s %.1f ms/image%n", reader.getOriginatingProvider().getClass()
          .getName(), ms);
      reader.dispose();
    }
  }

  private static double decodeMillis(ImageReader reader, List<Path> files) throws IOException {
    int rounds = 20;
    long start = 0;
    for (int r = -5; r < rounds; r++) {
      if (r == 0) {
        start = System.nanoTime();
      }
      for (Path f : files) {
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
          reader.setInput(in, true, true);
          ImageFiles.toRgb(reader.read(0));
        }
      }
    }
    return (System.nanoTime() - start) * 1e-6 / (rounds * files.size());
  }

  private static List<ImageReader> jpegReaders() {
    List<ImageReader> readers = new ArrayList<>();
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
      readers.add(it.next());
    }
    if (readers.isEmpty()) {
      throw new UncheckedIOException(new IOException("no JPEG decoder"));
    }
    return readers;
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
