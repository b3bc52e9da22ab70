package dev.rethink.runtime.train;

import dev.rethink.runtime.device.Device;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.report.EvalRecord;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.report.provenance.VariantProvenance;
import dev.rethink.runtime.testing.DiskFullFrom;
import dev.rethink.runtime.testing.InProcessRun;
import dev.rethink.runtime.testing.TinyResumeStudy;
import dev.rethink.runtime.train.checkpoint.CheckpointFiles;
import dev.rethink.runtime.train.checkpoint.CheckpointManager;
import dev.rethink.runtime.train.control.GracefulStop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that is full when the final checkpoint is written, under the real trainer: {@code pretrain} (60
 * iterations, checkpoints every 10, evaluations at 30 and 60) and {@code finetune}, which starts from its final
 * checkpoint. The numbers are checked against an uninterrupted run on a disk with room.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullDiskTest {
  private static final String DATA_FILE = "variables.data-00000-of-00001";

  private Path tmp;
  private StudySpec spec;
  private RunDirectory reference;

  private StudyOutcome run(Path out, Module... overrides) {
    RunOptions options = new RunOptions(out, Device.CPU, 10, false, 10, 0, 3, List.of());
    return InProcessRun.run(spec, options, GracefulStop.manual(), tmp.resolve("cache"), overrides);
  }

  @BeforeAll
  void uninterruptedRun(@TempDir Path dir) {
    tmp = dir;
    spec = new TinyResumeStudy().define(Profile.QUICK).select(List.of("finetune"));
    StudyOutcome o = run(tmp.resolve("reference"));
    assertEquals(List.of(VariantStatus.COMPLETED, VariantStatus.COMPLETED),
        o.variants().stream().map(VariantSummary::status).toList());
    reference = o.run();
  }

  @Test
  void aFullDiskAtTheFinalCheckpointKeepsTheFinalMetricsAndResumesFromTheNewestCompleteCheckpoint()
      throws IOException {
    Path out = tmp.resolve("full");
    DiskFullFrom disk = new DiskFullFrom(TinyResumeStudy.PRETRAIN_ITERATIONS, 4096);
    StudyOutcome full = run(out, new AbstractModule() {
      @Override
      protected void configure() {
        bind(CheckpointFiles.class).toInstance(disk);
      }
    });
    RunDirectory run = new RunDirectory(out);
    Path checkpoints = run.checkpoints("pretrain");

    // --keep 3 held 30, 40 and 50: 30 went before the write (--keep drops it anyway), 40 before the second
    // attempt; 50, the newest complete checkpoint, stays, named by checkpoint.json.
    assertEquals(List.of(60L, 60L), disk.failedSaves());
    assertEquals(List.of(CheckpointManager.POINTER, "step-00000050"), entries(checkpoints));
    assertEquals(50, CheckpointManager.open(checkpoints, 3).latest().orElseThrow().step());

    // The variant completed: trained to the end, evaluated at the end, its metrics written.
    VariantSummary pretrain = run.readSummary("pretrain").orElseThrow();
    assertEquals(pretrain, full.variants().get(0));
    VariantSummary expected = reference.readSummary("pretrain").orElseThrow();
    assertEquals(VariantStatus.COMPLETED, pretrain.status());
    assertEquals(60, pretrain.iterations());
    assertEquals(expected.metrics(), pretrain.metrics());
    assertEquals(reference.readMetrics("pretrain").evaluations(), run.readMetrics("pretrain").evaluations());
    assertEquals(List.of(30L, 60L), run.readMetrics("pretrain").evaluations().stream().map(EvalRecord::step)
        .toList());
    assertNull(pretrain.checkpoint(), "no final checkpoint for other variants to start from");
    // One warning: the directory, what a checkpoint needs (the size of step-00000050's files) and what is free.
    long needed = 0;
    for (Path f : List.of(checkpoints.resolve("step-00000050").resolve(DATA_FILE),
        checkpoints.resolve("step-00000050").resolve("variables.index"))) {
      needed += Files.size(f);
    }
    assertEquals(List.of(String.format(Locale.ROOT, "the final checkpoint (iteration 60) was not written: %s: No"
        + " space left on device: a checkpoint needs about %,d bytes (the size of step-00000050), 4,096 are free;"
        + " the final evaluation ran and its metrics are kept; its newest complete checkpoint is step-00000050"
        + " (iteration 50): free space and run `rethink run --resume %s` to train from it again and write the final"
        + " one", checkpoints, needed, out)), pretrain.warnings());
    String md = Files.readString(run.report());
    assertTrue(md.contains("| completed, final checkpoint not written |"), md);
    assertTrue(md.contains("## Warnings\n\n- `pretrain`: the final checkpoint (iteration 60) was not written"), md);

    // The fine-tuning needs those final weights: it waits for them rather than start from iteration 50's.
    VariantSummary finetune = full.variants().get(1);
    assertEquals(VariantStatus.SKIPPED, finetune.status());
    assertEquals("its weights come from 'pretrain', whose final checkpoint was not written (see its warning);"
        + " running the study again writes it, then runs this variant", finetune.message());

    // Space is back: the run resumes pretrain from 50, writes its final checkpoint, then runs the fine-tuning.
    StudyOutcome resumed = run(out);
    assertEquals(List.of(VariantStatus.COMPLETED, VariantStatus.COMPLETED),
        resumed.variants().stream().map(VariantSummary::status).toList());
    VariantProvenance p = VariantProvenance.read(run.provenance("pretrain"));
    assertEquals(List.of(0L, 50L), p.segments().stream().map(VariantProvenance.Segment::fromStep).toList());
    assertEquals(List.of(60L, 60L), p.segments().stream().map(VariantProvenance.Segment::toStep).toList());
    VariantSummary again = run.readSummary("pretrain").orElseThrow();
    assertEquals("variants/pretrain/checkpoint/step-00000060/variables", again.checkpoint());
    assertEquals(List.of(), again.warnings());
    assertEquals(expected.metrics(), again.metrics());
    // Each evaluation once, with the uninterrupted run's numbers; the same final weights, byte for byte.
    assertEquals(reference.readMetrics("pretrain").evaluations(), run.readMetrics("pretrain").evaluations());
    assertArrayEquals(Files.readAllBytes(reference.checkpoints("pretrain").resolve("step-00000060").resolve(DATA_FILE)),
        Files.readAllBytes(checkpoints.resolve("step-00000060").resolve(DATA_FILE)));
    assertEquals(reference.readSummary("finetune").orElseThrow().metrics(),
        run.readSummary("finetune").orElseThrow().metrics());
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
