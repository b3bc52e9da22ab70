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
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.data.DataModules;
import dev.rethink.runtime.model.ModelModule;
import dev.rethink.runtime.report.MetricsLog;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.TrainingRecord;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.testing.TinyTransferStudy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A whole study through the real modules: TinyTransfer (pre-train 20 iterations on a synthetic source task, then
 * fine-tune 20 iterations from it on a target task) into a temporary run directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudyRunEndToEndTest {
  private static final int LOG_EVERY = 5;

  private StudySpec spec;
  private StudyOutcome outcome;
  private RunDirectory run;
  private final WeightRecorder recorder = new WeightRecorder();

  /** Records every backbone variable when the pre-training ends and when the fine-tuning starts. */
  static final class WeightRecorder implements TrainingListener {
    final Map<String, Map<String, float[]>> started = new LinkedHashMap<>();
    final Map<String, Map<String, float[]>> finished = new LinkedHashMap<>();

    @Override
    public void variantStarted(VariantSpec variant, Session session, VariantGraph graph) {
      started.put(variant.name(), backbone(session, graph));
    }

    @Override
    public void variantFinished(VariantSpec variant, Session session, VariantGraph graph, VariantSummary summary) {
      finished.put(variant.name(), backbone(session, graph));
    }

    private static Map<String, float[]> backbone(Session session, VariantGraph graph) {
      Map<String, float[]> values = new LinkedHashMap<>();
      for (VariantGraph.VariableInfo v : graph.variables()) {
        if (v.backbone()) {
          try (Result r = session.runner().fetch(v.name()).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] copy = new float[(int) t.size()];
            t.copyTo(DataBuffers.of(copy, false, false));
            values.put(v.name(), copy);
          }
        }
      }
      return values;
    }
  }

  @BeforeAll
  void runTheStudy(@TempDir Path tmp) {
    spec = new TinyTransferStudy().define(Profile.QUICK);
    RunOptions options = new RunOptions(tmp.resolve("run"), Device.CPU, LOG_EVERY, false);
    List<Module> modules = new ArrayList<>(DataModules.forStudy(spec, tmp.resolve("data"), tmp.resolve("cache")));
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
  void bothVariantsCompleteSourceFirst() {
    assertEquals(List.of("pretrain", "finetune"), outcome.variants().stream().map(VariantSummary::variant).toList());
    for (VariantSummary s : outcome.variants()) {
      assertEquals(VariantStatus.COMPLETED, s.status(), s.toString());
      assertEquals(TinyTransferStudy.ITERATIONS, s.iterations());
      assertEquals((long) TinyTransferStudy.ITERATIONS * TinyTransferStudy.BATCH, s.imagesSeen());
      assertTrue(s.trainableParameters() > 0);
      assertEquals(List.of("top1", "top5"), List.copyOf(s.metrics().keySet()));
      // 4 classes: top-5 covers every class.
      assertEquals(100.0, s.metrics().get("top5"), 1e-9);
      double top1 = s.metrics().get("top1");
      assertTrue(top1 >= 0 && top1 <= 100, s.toString());
      assertTrue(Files.isRegularFile(run.root().resolve(s.checkpoint() + ".index")), s.checkpoint());
    }
    assertFalse(outcome.anyFailed());
  }

  @Test
  void studyJsonRoundTripsToTheSameSpec() {
    assertEquals(spec, run.readStudy());
  }

  @Test
  void metricsHaveATrainingLineEveryLogStepAndTheEvaluations() {
    MetricsLog.Contents pretrain = run.readMetrics("pretrain");
    assertEquals(List.of(5L, 10L, 15L, 20L), pretrain.training().stream().map(TrainingRecord::step).toList());
    // Evaluated every 10 iterations (eval.period) and at the end.
    assertEquals(List.of(10L, 20L), pretrain.evaluations().stream().map(e -> e.step()).toList());
    MetricsLog.Contents finetune = run.readMetrics("finetune");
    assertEquals(List.of(20L), finetune.evaluations().stream().map(e -> e.step()).toList());
    for (TrainingRecord r : pretrain.training()) {
      assertTrue(Double.isFinite(r.loss()) && r.loss() > 0, r.toString());
      assertTrue(r.terms().containsKey("cls"), r.toString());
      assertTrue(r.imagesPerSecond() > 0, r.toString());
      assertTrue(r.dataWait() >= 0 && r.dataWait() <= 1, r.toString());
    }
    // Schedule: warm-up over 5 iterations, ×0.1 at 15; the LR of iteration 20 (step index 19) is 0.005.
    assertEquals(0.005, pretrain.training().get(3).learningRate(), 1e-6);
    assertEquals(0.05, pretrain.training().get(1).learningRate(), 1e-6);
  }

  @Test
  void summariesAndReportListBothVariants() throws IOException {
    for (String v : List.of("pretrain", "finetune")) {
      VariantSummary s = run.readSummary(v).orElseThrow();
      assertEquals(outcome.variants().stream().filter(x -> x.variant().equals(v)).findFirst().orElseThrow(), s);
    }
    String md = Files.readString(run.report());
    for (VariantSummary s : outcome.variants()) {
      String row = md.lines().filter(l -> l.startsWith("| `" + s.variant() + "` |")).findFirst().orElse(null);
      assertNotNull(row, md);
      assertTrue(row.contains(String.format(java.util.Locale.ROOT, "| %.2f | 100.00 |", s.metrics().get("top1"))),
          row);
      assertTrue(row.endsWith("| completed |"), row);
    }
    assertTrue(md.contains("| `finetune` | ResNet-18 ×0.125 | GN(4) | from pretrain | synthetic TARGET (4 classes)"
        + " | 20 it (0.02x) |"), md);
    assertTrue(Files.size(run.curves()) > 0);
  }

  @Test
  void fineTuningStartsFromThePretrainedBackbone() {
    Map<String, float[]> source = recorder.finished.get("pretrain");
    Map<String, float[]> start = recorder.started.get("finetune");
    assertFalse(source.isEmpty());
    assertEquals(source.keySet(), start.keySet());
    for (String name : source.keySet()) {
      assertArrayEquals(source.get(name), start.get(name), name);
    }
    // And not by accident: the pre-training changed its weights from their initial values.
    Map<String, float[]> initial = recorder.started.get("pretrain");
    assertTrue(source.keySet().stream().anyMatch(n -> !java.util.Arrays.equals(initial.get(n), source.get(n))));
  }
}
