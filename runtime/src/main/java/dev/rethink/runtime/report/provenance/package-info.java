/**
 * Where every number of a run comes from: {@code provenance.json} in the run directory (the full study spec, the
 * source revision, seeds, TensorFlow / JDK / OS versions, the datasets' identity, the device, each process that
 * worked on the run with its start and end) and {@code variants/<name>/provenance.json} (the variant's spec, seed,
 * dataset, the checkpoint it started from and its training segments across resumes).
 */
package dev.rethink.runtime.report.provenance;
