package dev.rethink.runtime.report.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rethink.dsl.Json;
import dev.rethink.dsl.study.VariantSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A variant's {@code provenance.json}.
 *
 * @param variant the variant's spec as JSON
 * @param seed its seed
 * @param dataset its dataset as opened
 * @param initCheckpoint the checkpoint its backbone was restored from (relative to the run directory, or as given
 *     for {@code FromCheckpoint}), null from scratch
 * @param segments the stretches of training, one per process that trained it (more than one after a resume)
 */
public record VariantProvenance(JsonNode variant, long seed, DatasetIdentity dataset, String initCheckpoint,
    List<Segment> segments) {

  public VariantProvenance {
    segments = List.copyOf(segments);
  }

  /**
   * One process's stretch of training.
   *
   * @param pid process id
   * @param fromStep the global step it started at (0, or the checkpoint it resumed from)
   * @param toStep the global step it reached (null while running or if killed)
   * @param started ISO-8601
   * @param ended ISO-8601, null while running or if killed
   * @param outcome {@code running}, then the variant's status when it ended
   */
  public record Segment(long pid, long fromStep, Long toStep, String started, String ended, String outcome) {}

  /** The record at the start of a segment from {@code fromStep}, after the segments of {@code earlier} (or null). */
  public static VariantProvenance starting(VariantSpec spec, DatasetIdentity dataset, String initCheckpoint,
      VariantProvenance earlier, long fromStep) {
    List<Segment> s = new ArrayList<>(earlier == null ? List.of() : earlier.segments());
    s.add(new Segment(ProcessHandle.current().pid(), fromStep, null, Instant.now().toString(), null, "running"));
    return new VariantProvenance(Json.mapper().valueToTree(spec), spec.seed(), dataset, initCheckpoint, s);
  }

  /** The record with the last segment ended now at {@code toStep} with {@code outcome}. */
  public VariantProvenance ended(long toStep, String outcome) {
    List<Segment> s = new ArrayList<>(segments);
    Segment last = s.get(s.size() - 1);
    s.set(s.size() - 1, new Segment(last.pid(), last.fromStep(), toStep, last.started(), Instant.now().toString(),
        outcome));
    return new VariantProvenance(variant, seed, dataset, initCheckpoint, s);
  }

  /** The variant spec, rebuilt from the record. */
  public VariantSpec spec() {
    return Json.read(variant.toString(), VariantSpec.class);
  }

  public void write(Path file) {
    ProvenanceFiles.write(file, this);
  }

  public static VariantProvenance read(Path file) {
    return ProvenanceFiles.read(file, VariantProvenance.class);
  }
}
