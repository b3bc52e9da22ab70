package dev.rethink.runtime.report.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rethink.dsl.Json;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.report.RunScopedOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run directory's {@code provenance.json}.
 *
 * @param study the full study spec, exactly as {@code study.json} ({@link #spec()} rebuilds it)
 * @param source the code's revision
 * @param seeds each variant's seed (init, data order, augmentation), in execution order
 * @param platform TensorFlow, JDK, OS, host
 * @param device the {@code --device} and the session's threads
 * @param datasets each variant's dataset as opened
 * @param processes each process that worked on the run, in order (a resumed run appends one), with the options
 *     it ran with
 */
public record Provenance(JsonNode study, SourceRevision source, Map<String, Long> seeds, Platform platform,
    DeviceRecord device, Map<String, DatasetIdentity> datasets, List<ProcessRecord> processes) {

  /** The provenance file's name. */
  public static final String FILE = "provenance.json";

  public Provenance {
    seeds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
    datasets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    processes = List.copyOf(processes);
  }

  /**
   * The device a run used.
   *
   * @param requested {@code cpu} or {@code gpu}
   * @param intraOpThreads the session's intra-op threads
   * @param interOpThreads the session's inter-op threads
   * @param devices the training towers' devices ({@code --devices}, e.g. {@code cpu:2}, {@code gpu:0,1}); null in
   *     runs recorded before towers
   * @param accumulate {@code --accumulate} passes per tower and step (0 in runs recorded before it: 1)
   */
  public record DeviceRecord(String requested, int intraOpThreads, int interOpThreads, String devices,
      int accumulate) {

    /** One device, no accumulation. */
    public DeviceRecord(String requested, int intraOpThreads, int interOpThreads) {
      this(requested, intraOpThreads, interOpThreads, null, 1);
    }
  }

  /**
   * One process that ran (part of) the study.
   *
   * @param pid process id
   * @param host host name
   * @param commandLine the arguments after {@code rethink}
   * @param started when it started (ISO-8601)
   * @param ended when it ended, null while it runs (or if it was killed)
   * @param outcome {@code running}, then {@code completed} or {@code interrupted} (or {@code failed}), or
   *     {@code killed} when a later process found it still running but gone (it died without recording its end)
   * @param options the run-scoped options it ran with: the run's own ({@code options.json}), or one given again
   *     on its command line (null in records written before they were recorded)
   */
  public record ProcessRecord(long pid, String host, List<String> commandLine, String started, String ended,
      String outcome, RunScopedOptions options) {
    /** This process, starting now with {@code options}. */
    public static ProcessRecord startingNow(List<String> commandLine, RunScopedOptions options) {
      return new ProcessRecord(ProcessHandle.current().pid(), Platform.hostName(), List.copyOf(commandLine),
          Instant.now().toString(), null, VariantProvenance.Segment.RUNNING, options);
    }

    ProcessRecord ended(String outcome) {
      return new ProcessRecord(pid, host, commandLine, started, Instant.now().toString(), outcome, options);
    }

    /** Still recorded as running although the process is gone: killed, at a time nobody recorded. */
    ProcessRecord killedIfRunning() {
      return outcome.equals(VariantProvenance.Segment.RUNNING)
          ? new ProcessRecord(pid, host, commandLine, started, null, VariantProvenance.Segment.KILLED, options)
          : this;
    }
  }

  /**
   * The record of a run starting now, or resuming one whose earlier record is {@code earlier} (may be null). The
   * caller holds the run lock, so an earlier process still recorded as running is gone: it is recorded as killed.
   */
  public static Provenance starting(StudySpec spec, Provenance earlier, DeviceRecord device,
      Map<String, DatasetIdentity> datasets, List<String> commandLine, RunScopedOptions options) {
    Map<String, Long> seeds = new LinkedHashMap<>();
    for (VariantSpec v : spec.executionOrder()) {
      seeds.put(v.name(), v.seed());
    }
    List<ProcessRecord> processes = new ArrayList<>(earlier == null ? List.of()
        : earlier.processes().stream().map(ProcessRecord::killedIfRunning).toList());
    processes.add(ProcessRecord.startingNow(commandLine, options));
    return new Provenance(Json.mapper().valueToTree(spec), SourceRevision.ofRunningCode(), seeds,
        Platform.current(), device, datasets, processes);
  }

  /** The same record with the last process ended now with {@code outcome}. */
  public Provenance ended(String outcome) {
    List<ProcessRecord> p = new ArrayList<>(processes);
    p.set(p.size() - 1, p.get(p.size() - 1).ended(outcome));
    return new Provenance(study, source, seeds, platform, device, datasets, p);
  }

  /** The study spec this run executed, rebuilt from the record. */
  public StudySpec spec() {
    return Json.read(study.toString(), StudySpec.class);
  }

  /** Writes {@code file} atomically. */
  public void write(Path file) {
    ProvenanceFiles.write(file, this);
  }

  /** Reads a {@code provenance.json}. */
  public static Provenance read(Path file) {
    return ProvenanceFiles.read(file, Provenance.class);
  }
}
