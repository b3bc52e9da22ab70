package dev.rethink.runtime.train;

import dev.rethink.runtime.device.Device;
import dev.rethink.runtime.eval.ClassificationEvaluatorModule;
import dev.rethink.runtime.eval.DetectionEvaluatorModule;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.data.DataModules;
import dev.rethink.runtime.data.synthetic.SyntheticDetectionGenerator;
import dev.rethink.runtime.eval.coco.CocoDetection;
import dev.rethink.runtime.eval.coco.CocoEval;
import dev.rethink.runtime.eval.coco.CocoGroundTruth;
import dev.rethink.runtime.eval.coco.CocoJson;
import dev.rethink.runtime.eval.coco.CocoParams;
import dev.rethink.runtime.model.ModelModule;
import dev.rethink.runtime.report.EvalRecord;
import dev.rethink.runtime.report.MetricsLog;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.TrainingRecord;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.testing.TinyDetectionStudy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detection study through the real modules: TinyDetection (a classifier pre-trained for a few iterations, then
 * a tiny Mask R-CNN from its backbone and from scratch, 10 iterations each on 16 synthetic COCO images of 64 px)
 * into a temporary run directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectionRunEndToEndTest {
  private static final List<String> DETECTORS = List.of("pretrained", "scratch");

  private Path cache;
  private StudySpec spec;
  private StudyOutcome outcome;
  private RunDirectory run;
  private final StudyRunEndToEndTest.WeightRecorder recorder = new StudyRunEndToEndTest.WeightRecorder();

  @BeforeAll
  void runTheStudy(@TempDir Path tmp) {
    cache = tmp.resolve("cache");
    spec = new TinyDetectionStudy().define(Profile.QUICK);
    RunOptions options = new RunOptions(tmp.resolve("run"), Device.CPU, 5, false);
    List<Module> modules = new ArrayList<>(DataModules.forStudy(spec, tmp.resolve("data"), cache));
    modules.add(new ModelModule());
    modules.add(new ClassificationEvaluatorModule());
    modules.add(new DetectionEvaluatorModule());
    modules.add(new TrainingModule(options));
    modules.add(new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder.newSetBinder(binder(), TrainingListener.class).addBinding().toInstance(recorder);
      }
    });
    outcome = Guice.createInjector(modules).getInstance(StudyRunner.class).run(spec);
    run = outcome.run();
  }

  @Test
  void everyVariantCompletesWithBoxAndMaskAp() {
    assertEquals(List.of("pretrain", "pretrained", "scratch"),
        outcome.variants().stream().map(VariantSummary::variant).toList());
    assertFalse(outcome.anyFailed());
    for (String name : DETECTORS) {
      VariantSummary s = run.readSummary(name).orElseThrow();
      assertEquals(VariantStatus.COMPLETED, s.status(), s.toString());
      assertEquals(TinyDetectionStudy.ITERATIONS, s.iterations());
      for (String m : List.of("bbox/AP", "bbox/AP50", "bbox/AP75", "bbox/ARl", "segm/AP", "segm/AP50", "segm/ARl")) {
        Double v = s.metrics().get(m);
        assertNotNull(v, m + " in " + s.metrics());
        // COCO reports -1 for a size range without ground truth, else a fraction.
        assertTrue(v == -1 || (v >= 0 && v <= 1), m + " = " + v);
      }
    }
  }

  @Test
  void metricsHaveDetectorLossesAndBboxAndSegmEvaluations() {
    MetricsLog.Contents scratch = run.readMetrics("scratch");
    assertEquals(List.of(5L, 10L), scratch.training().stream().map(TrainingRecord::step).toList());
    for (TrainingRecord r : scratch.training()) {
      for (String term : List.of("loss_rpn_cls", "loss_rpn_loc", "loss_cls", "loss_box_reg", "loss_mask")) {
        assertTrue(r.terms().containsKey(term) && Double.isFinite(r.terms().get(term)), term + " in " + r);
      }
    }
    // Every eval.period (5) iterations and at the end.
    assertEquals(List.of(5L, 10L), scratch.evaluations().stream().map(EvalRecord::step).toList());
    for (EvalRecord e : scratch.evaluations()) {
      assertTrue(e.metrics().containsKey("bbox/AP") && e.metrics().containsKey("segm/AP"), e.toString());
    }
    assertEquals(List.of(10L), run.readMetrics("pretrained").evaluations().stream().map(EvalRecord::step).toList());
  }

  /** The written results, read and evaluated by the eval package on the annotation file, give the logged numbers. */
  @Test
  void detectionsFilesEvaluateToTheRecordedNumbers() throws IOException {
    SyntheticCoco data = (SyntheticCoco) spec.variant("scratch").orElseThrow().data();
    Path annotations = cache.resolve(SyntheticDetectionGenerator.directoryName(data))
        .resolve(SyntheticDetectionGenerator.annotationFile(data, "val"));
    CocoGroundTruth gt = CocoJson.readGroundTruth(annotations);
    for (String name : DETECTORS) {
      for (EvalRecord e : run.readMetrics(name).evaluations()) {
        for (IouType type : List.of(IouType.BBOX, IouType.SEGM)) {
          Path file = run.detections(name, e.step(), type);
          assertTrue(Files.isRegularFile(file), file.toString());
          List<CocoDetection> detections = CocoJson.readResults(file, gt);
          Map<String, Double> stats = new CocoEval(gt, CocoParams.of(type), 1).run(detections).statsByName();
          stats.forEach((stat, value) -> assertEquals(value, e.metrics().get(type.cocoName() + "/" + stat), 0,
              name + " " + file.getFileName() + " " + stat));
        }
        assertFalse(Files.exists(run.detections(name, e.step(), IouType.KEYPOINTS)));
      }
    }
  }

  @Test
  void thePretrainedDetectorStartsFromTheClassifiersBackbone() {
    Map<String, float[]> source = recorder.finished.get("pretrain");
    Map<String, float[]> start = recorder.started.get("pretrained");
    assertFalse(source.isEmpty());
    assertEquals(source.keySet(), start.keySet());
    source.forEach((name, values) -> assertArrayEquals(values, start.get(name), name));
    Map<String, float[]> scratch = recorder.started.get("scratch");
    assertTrue(source.keySet().stream().anyMatch(n -> !java.util.Arrays.equals(source.get(n), scratch.get(n))));
  }

  @Test
  void reportShowsBoxAndMaskApColumns() throws IOException {
    String md = Files.readString(run.report());
    String header = md.lines().filter(l -> l.startsWith("| variant |")).findFirst().orElseThrow();
    for (String column : List.of("box AP", "box AP50", "box AP75", "mask AP", "mask AP50", "mask AP75")) {
      assertTrue(header.contains("| " + column + " |"), header);
    }
    for (String name : DETECTORS) {
      VariantSummary s = run.readSummary(name).orElseThrow();
      String row = md.lines().filter(l -> l.startsWith("| `" + name + "` |")).findFirst().orElseThrow();
      assertTrue(row.contains(String.format(java.util.Locale.ROOT, "| %.1f |", 100 * s.metrics().get("bbox/AP"))),
          row);
    }
    assertTrue(Files.size(run.curves()) > 0);
  }
}
