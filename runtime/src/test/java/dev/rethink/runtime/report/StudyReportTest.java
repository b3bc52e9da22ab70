package dev.rethink.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.testing.TinyNormsStudy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.md and curves.png from hand-made summaries and metrics. */
class StudyReportTest {
  @TempDir
  Path tmp;

  /** TinyNorms at the quick profile: gn (ResNet-18 ×0.25, GN(8), 1x = 400 it) and bn (BN, 2x = 800 it). */
  private final StudySpec spec = new TinyNormsStudy().define(Profile.QUICK);

  private static VariantSummary gnCompleted() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("top1", 71.25);
    metrics.put("top5", 97.5);
    // 400 iterations of 16 images at 64²; fine-tuned from a source that saw 4800 images at 224².
    Budget own = new Budget(6400, 6400, 6400L * 64 * 64);
    return new VariantSummary("gn", VariantStatus.COMPLETED, null, 400, 400, 83.4, 6400, 1_234_567, 0.61, metrics,
        "variants/gn/checkpoint/step-00000400/variables", own, own.plus(new Budget(4800, 4800, 4800L * 224 * 224)),
        List.of());
  }

  private static VariantSummary bnDiverged() {
    return new VariantSummary("bn", VariantStatus.DIVERGED,
        "diverged at iteration 37 (lr 0.03667): loss term 'cls' is NaN", 37, 800, 12.04, 592, 1_234_567,
        Double.NaN, Map.of(), null, new Budget(592, 592, 592L * 64 * 64), null, List.of());
  }

  @Test
  void tableComparesTheVariantsInDeclarationOrder() {
    String md = StudyReport.markdown(spec, Map.of("gn", gnCompleted(), "bn", bnDiverged()), "curves.png");
    List<String> lines = md.lines().toList();
    assertEquals("# TinyNorms (quick profile)", lines.get(0));
    assertEquals("Test study: GN vs BN from scratch.", lines.get(2));
    int header = lines.indexOf(
        "| variant | model | norm | init | data | schedule | top1 | top5 | seen (incl. pre-training)"
        + " | trainable params | time | status |");
    assertTrue(header > 0, md);
    assertEquals("| --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
        lines.get(header + 1));
    // 11,200 images; 6400 × 4096 + 4800 × 50176 = 267,059,200 pixels.
    assertEquals("| `gn` | ResNet-18 ×0.25 | GN(8) | scratch | synthetic SOURCE (10 classes) | 400 it (1x) | 71.25"
        + " | 97.50 | 11.2k img / 267M px | 1.23M | 1m23s | completed |", lines.get(header + 2));
    // 592 × 4096 = 2,424,832 pixels.
    assertEquals("| `bn` | ResNet-18 ×0.25 | BN | scratch | synthetic SOURCE (10 classes) | 800 it (2x) | — | — |"
        + " 592 img / 2.42M px | 1.23M | 12.0s | diverged at 37/800 |", lines.get(header + 3));
    assertTrue(lines.contains("- `bn` diverged: diverged at iteration 37 (lr 0.03667): loss term 'cls' is NaN"),
        md);
    assertTrue(lines.contains("![training loss and evaluation metric vs iterations](curves.png)"), md);
  }

  /**
   * A detector's summary holds COCO's twelve numbers per IoU type as fractions; the table shows box and mask AP,
   * AP50 and AP75 in percent with one decimal, as the paper's Table 2, and leaves out the size and recall ones.
   */
  @Test
  void detectorsShowBoxAndMaskApInPercent() {
    StudySpec detection = new dev.rethink.runtime.testing.TinyDetectionStudy().define(Profile.QUICK);
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String type : List.of("bbox", "segm")) {
      for (String stat : List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm",
          "ARl")) {
        metrics.put(type + "/" + stat, type.equals("bbox") ? 0.41234 : 0.36649);
      }
    }
    metrics.put("bbox/AP50", 0.618);
    metrics.put("segm/AP75", -1.0);
    Budget seen = new Budget(20, 60, 20L * 64 * 64);
    VariantSummary scratch = new VariantSummary("scratch", VariantStatus.COMPLETED, null, 10, 10, 20, 20, 1000,
        1.5, metrics, "variants/scratch/checkpoint/step-00000010/variables", seen, seen, List.of());
    String md = StudyReport.markdown(detection, Map.of("scratch", scratch), null);
    assertTrue(md.contains("| variant | model | norm | init | data | schedule | box AP | box AP50 | box AP75 | mask AP"
        + " | mask AP50 | mask AP75 | " + StudyReport.SEEN + " | trainable params | time | status |"), md);
    // -1 is COCO's "no ground truth in this range": shown as is.
    assertTrue(md.contains("| 41.2 | 61.8 | 41.2 | 36.6 | 36.6 | -1.0 |"), md);
    assertTrue(md.contains("AP in %"), md);
    assertEquals("box AP 41.2, box AP50 61.8, box AP75 41.2, mask AP 36.6, mask AP50 36.6, mask AP75 -1.0",
        MetricColumns.summary(metrics));
  }

  @Test
  void variantsWithoutSummaryAreNotRun() {
    String md = StudyReport.markdown(spec, Map.of("gn", gnCompleted()), null);
    assertTrue(md.contains("| `bn` | ResNet-18 ×0.25 | BN | scratch | synthetic SOURCE (10 classes) | 800 it (2x)"
        + " | — | — | — | — | — | not run |"), md);
    assertFalse(md.contains("curves"), md);
  }

  @Test
  void namesTheHostTheFiguresComeFrom() {
    String host = "ci-7: AuthenticAMD AMD EPYC (avx2 avx512f avx512_vnni avx512_bf16), oneDNN on";
    String md = StudyReport.markdown(spec, Map.of("gn", gnCompleted()), null, host);
    assertTrue(md.contains("\n\nMeasured on " + host + ".\n\n"), md);
    assertFalse(StudyReport.markdown(spec, Map.of("gn", gnCompleted()), null).contains("Measured on"));
  }

  @Test
  void writesReportAndCurvesFromTheRunDirectory() throws IOException {
    RunDirectory run = new RunDirectory(tmp);
    run.writeStudy(spec);
    run.writeSummary(gnCompleted());
    run.writeSummary(bnDiverged());
    try (MetricsLog log = MetricsLog.create(run.metrics("gn"))) {
      for (int step = 20; step <= 400; step += 20) {
        log.training(new TrainingRecord(step, 2.3 - step / 100.0, Map.of("cls", 2.0 - step / 100.0), 0.05, 90,
            0.1, step / 2.0));
      }
      log.evaluation(new EvalRecord(400, Map.of("top1", 71.25, "top5", 97.5)));
    }
    try (MetricsLog log = MetricsLog.create(run.metrics("bn"))) {
      log.training(new TrainingRecord(20, 2.4, Map.of("cls", 2.2), 0.04, 80, 0.2, 10));
      log.training(new TrainingRecord(37, Double.NaN, Map.of("cls", Double.NaN), 0.0367, 80, 0.2, 18));
    }

    StudyReport.write(run);

    String md = Files.readString(run.report());
    assertTrue(md.contains("| `gn` | ResNet-18 ×0.25 | GN(8) | scratch | synthetic SOURCE (10 classes) | 400 it (1x)"
        + " | 71.25 | 97.50 | 11.2k img / 267M px | 1.23M | 1m23s | completed |"), md);
    assertTrue(md.contains("](curves.png)"), md);
    BufferedImage png = ImageIO.read(run.curves().toFile());
    assertEquals(1000, png.getWidth());
    assertEquals(750, png.getHeight());
  }

  @Test
  void summaryJsonRoundTrips() {
    RunDirectory run = new RunDirectory(tmp);
    run.writeSummary(gnCompleted());
    assertEquals(gnCompleted(), run.readSummary("gn").orElseThrow());
    assertTrue(run.readSummary("bn").isEmpty());
  }
}
