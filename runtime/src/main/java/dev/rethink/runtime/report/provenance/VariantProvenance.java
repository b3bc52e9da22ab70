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
   * @param toStep the global step it reached (null while running); for a killed segment, the step of the last
   *     checkpoint it wrote ({@code fromStep} if it wrote none): what survived of its work
   * @param started ISO-8601
   * @param ended ISO-8601, null while running; for a killed segment, when its last checkpoint was written (null if
   *     it wrote none): the time of death is not known, only that its work up to then survived
   * @param outcome {@value #RUNNING}, then the variant's status when it ended, or {@value #KILLED} for a process
   *     that died without recording its end (SIGKILL, a crash, a power cut)
   */
  public record Segment(long pid, long fromStep, Long toStep, String started, String ended, String outcome) {
    /** The outcome of a segment whose process is training. */
    public static final String RUNNING = "running";
    /** The outcome of a segment whose process died without recording its end. */
    public static final String KILLED = "killed";

    /**
     * This segment, still {@value #RUNNING}, as killed: its process is gone (the next process holds the run lock).
     *
     * @param checkpointStep the step of the variant's newest checkpoint, null if it has none
     * @param checkpointWritten when that checkpoint was written, null if it has none
     */
    Segment killed(Long checkpointStep, Instant checkpointWritten) {
      boolean ownCheckpoint = checkpointStep != null && checkpointWritten != null && checkpointStep >= fromStep
          && !checkpointWritten.isBefore(Instant.parse(started));
      return new Segment(pid, fromStep, ownCheckpoint ? checkpointStep : fromStep, started,
          ownCheckpoint ? checkpointWritten.toString() : null, KILLED);
    }
  }

  /** The record at the start of a segment from {@code fromStep}, after the segments of {@code earlier} (or null). */
  public static VariantProvenance starting(VariantSpec spec, DatasetIdentity dataset, String initCheckpoint,
      VariantProvenance earlier, long fromStep) {
    List<Segment> s = new ArrayList<>(earlier == null ? List.of() : earlier.segments());
    s.add(new Segment(ProcessHandle.current().pid(), fromStep, null, Instant.now().toString(), null,
        Segment.RUNNING));
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

  /** True when the last segment is still {@value Segment#RUNNING}. */
  public boolean running() {
    return !segments.isEmpty() && segments.get(segments.size() - 1).outcome().equals(Segment.RUNNING);
  }

  /**
   * The record with a last segment still {@value Segment#RUNNING}, whose process is known to be gone (the caller
   * holds the run lock), rewritten as {@value Segment#KILLED}; unchanged if it is not running.
   *
   * @param checkpointStep the step of the variant's newest checkpoint, null if it has none
   * @param checkpointWritten when that checkpoint was written, null if it has none
   */
  public VariantProvenance killed(Long checkpointStep, Instant checkpointWritten) {
    if (!running()) {
      return this;
    }
    List<Segment> s = new ArrayList<>(segments);
    s.set(s.size() - 1, s.get(s.size() - 1).killed(checkpointStep, checkpointWritten));
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
