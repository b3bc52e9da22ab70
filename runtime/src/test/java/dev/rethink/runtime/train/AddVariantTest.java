package dev.rethink.runtime.train;

import dev.rethink.runtime.device.Device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.Json;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.testing.InProcessRun;
import dev.rethink.runtime.testing.TinyTransferStudy;
import dev.rethink.runtime.train.control.GracefulStop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study that gained a variant runs it in the run directory of its earlier variants; a variant whose spec changed
 * is refused there, naming the variant and the field.
 */
class AddVariantTest {
  @TempDir
  Path tmp;

  private StudyOutcome run(StudySpec spec, Path out) {
    return InProcessRun.run(spec, new RunOptions(out, Device.CPU, 10, false), GracefulStop.manual(),
        tmp.resolve("cache"));
  }

  @Test
  void anAddedVariantRunsBesideTheCompletedOnesAndAChangedOneIsRefused() throws IOException {
    StudySpec full = new TinyTransferStudy().define(Profile.QUICK);
    StudySpec pretrainOnly = full.select(List.of("pretrain"));
    Path out = tmp.resolve("run");
    RunDirectory run = new RunDirectory(out);
    assertEquals(VariantStatus.COMPLETED, run(pretrainOnly, out).variants().get(0).status());
    String pretrainSummary = Files.readString(run.summary("pretrain"));
    String pretrainMetrics = Files.readString(run.metrics("pretrain"));

    // The study gained "finetune" (it was run with --variant pretrain before): accepted, and only it trains.
    StudyOutcome added = run(full, out);
    assertEquals(List.of(VariantStatus.COMPLETED, VariantStatus.COMPLETED),
        added.variants().stream().map(VariantSummary::status).toList());
    assertEquals(pretrainSummary, Files.readString(run.summary("pretrain")));
    assertEquals(pretrainMetrics, Files.readString(run.metrics("pretrain")));
    assertEquals(List.of("pretrain", "finetune"), run.readStudy().variants().stream().map(VariantSpec::name)
        .toList());
    assertEquals(full.variant("finetune").orElseThrow(), run.readStudy().variant("finetune").orElseThrow());
    // The spec study.json held is kept beside it.
    List<Path> kept = archived(out);
    assertEquals(1, kept.size(), kept.toString());
    assertTrue(kept.get(0).getFileName().toString().matches("study-\\d{8}-\\d{6}\\.json"), kept.toString());
    assertEquals(pretrainOnly, Json.read(Files.readString(kept.get(0)), StudySpec.class));
    assertTrue(Files.readString(run.report()).contains("| `finetune` |"));

    // The same study with another seed changes the variants already run: refused, nothing written.
    String study = Files.readString(run.studyJson());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(full.withSeed(5), out));
    assertEquals("run directory " + out + " holds variant 'pretrain' with another spec, so it cannot be resumed"
        + " with this one: variants[pretrain].seed: 3 in the run directory, 5 now (hint: the results of a variant"
        + " belong to its spec: run with the same study, profile and --seed; to try a changed variant, give it a"
        + " new name and it is added to the run; or choose another --out)", e.getMessage());
    assertEquals(study, Files.readString(run.studyJson()));
    assertEquals(kept, archived(out));
  }

  private static List<Path> archived(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("study-.*\\.json")).sorted().toList();
    }
  }
}
