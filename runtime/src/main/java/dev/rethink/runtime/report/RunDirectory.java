package dev.rethink.runtime.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rethink.dsl.Json;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.study.StudySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The layout of a run directory, one place for every path:
 *
 * <pre>
 * study.json                              the StudySpec that ran (dev.rethink.dsl.Json)
 * study-&lt;yyyyMMdd-HHmmss&gt;.json           the spec study.json held before variants were added to the run
 * options.json                            the run's own options (RunScopedOptions), used again by every resume
 * provenance.json                         spec, code revision, seeds, versions, datasets, processes
 * run.lock                                held by the process running the study (RunLock)
 * report.md, curves.png                   the comparison of the variants
 * variants/&lt;name&gt;/metrics.jsonl          training and evaluation lines
 * variants/&lt;name&gt;/summary.json           how the variant ended, its final metrics and budget
 * variants/&lt;name&gt;/provenance.json        the variant's spec, seed, dataset, init checkpoint, training segments
 * variants/&lt;name&gt;/checkpoint/            checkpoint.json and step-NNNNNNNN/variables.* (CheckpointManager)
 * variants/&lt;name&gt;/tensorboard/           TensorBoard event files
 * variants/&lt;name&gt;/detections-&lt;step&gt;-&lt;type&gt;.json  a detector's results at an evaluation, in the COCO
 *                                         results format, one file per type (bbox, segm, keypoints)
 * </pre>
 */
public final class RunDirectory {
  private static final ObjectMapper SUMMARIES = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private final Path root;

  public RunDirectory(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path studyJson() {
    return root.resolve("study.json");
  }

  public Path report() {
    return root.resolve("report.md");
  }

  public Path curves() {
    return root.resolve("curves.png");
  }

  public Path variant(String name) {
    return root.resolve("variants").resolve(name);
  }

  public Path metrics(String variant) {
    return variant(variant).resolve("metrics.jsonl");
  }

  public Path summary(String variant) {
    return variant(variant).resolve("summary.json");
  }

  /** The variant's checkpoint directory. */
  public Path checkpoints(String variant) {
    return variant(variant).resolve("checkpoint");
  }

  /** The variant's TensorBoard log directory. */
  public Path tensorBoard(String variant) {
    return variant(variant).resolve("tensorboard");
  }

  /** The run's {@code options.json}: {@link RunScopedOptions}. */
  public Path options() {
    return root.resolve("options.json");
  }

  /** Writes {@code options.json}. */
  public void writeOptions(RunScopedOptions options) {
    try {
      write(options(), SUMMARIES.writeValueAsString(options));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + options(), e);
    }
  }

  /**
   * The run's {@code options.json}, if it has one (a run started before it was recorded has none).
   *
   * @throws IllegalArgumentException naming the file if it is malformed
   */
  public Optional<RunScopedOptions> readOptions() {
    Path file = options();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SUMMARIES.readValue(read(file), RunScopedOptions.class));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not the run's options: " + e.getMessage(), e);
    }
  }

  /** The run's {@code provenance.json}. */
  public Path provenance() {
    return root.resolve("provenance.json");
  }

  /** The variant's {@code provenance.json}. */
  public Path provenance(String variant) {
    return variant(variant).resolve("provenance.json");
  }

  /**
   * A detector's evaluation results at {@code step} for one IoU type, in the COCO results format (a JSON list
   * that {@code rethink eval --iou-type <type>} reads), e.g. {@code variants/scratch/detections-540-segm.json}.
   */
  public Path detections(String variant, long step, IouType type) {
    return variant(variant).resolve("detections-" + step + "-" + type.cocoName() + ".json");
  }

  /** Writes {@code study.json}. */
  public void writeStudy(StudySpec spec) {
    write(studyJson(), Json.write(spec));
  }

  /**
   * Replaces {@code study.json} with {@code spec} (atomically), keeping the spec it replaces as
   * {@code study-<yyyyMMdd-HHmmss>.json} so that nothing a run wrote is lost.
   *
   * @return the file now holding the replaced spec
   */
  public Path replaceStudy(StudySpec spec) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path kept = root.resolve("study-" + stamp + ".json");
    for (int n = 2; Files.exists(kept); n++) {
      kept = root.resolve("study-" + stamp + "-" + n + ".json");
    }
    Path tmp = root.resolve("study.json.tmp");
    try {
      Files.copy(studyJson(), kept);
      Files.writeString(tmp, Json.write(spec) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, studyJson(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return kept;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + studyJson() + " (the spec it held is kept as " + kept
          + " if that was written)", e);
    }
  }

  /**
   * Reads {@code study.json}.
   *
   * @throws IllegalArgumentException naming the file if it is malformed or breaks a spec rule
   */
  public StudySpec readStudy() {
    String text = read(studyJson());
    try {
      return Json.read(text, StudySpec.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(studyJson() + ": " + e.getMessage(), e);
    }
  }

  /** Writes the variant's {@code summary.json}. */
  public void writeSummary(VariantSummary summary) {
    try {
      write(summary(summary.variant()), SUMMARIES.writeValueAsString(summary));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + summary(summary.variant()), e);
    }
  }

  /** The variant's {@code summary.json}, if it was written. */
  public Optional<VariantSummary> readSummary(String variant) {
    Path file = summary(variant);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SUMMARIES.readValue(read(file), VariantSummary.class));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not a variant summary: " + e.getMessage(), e);
    }
  }

  /** The variant's {@code metrics.jsonl} (empty if absent). */
  public MetricsLog.Contents readMetrics(String variant) {
    return MetricsLog.read(metrics(variant));
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
