package dev.rethink.runtime.train.checkpoint;

import dev.rethink.runtime.report.Budget;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A published checkpoint.
 *
 * @param name its directory name, e.g. {@code step-00001200}
 * @param step the global step of the saved state (iterations completed)
 * @param prefix the {@code Session.save} / {@code Session.restore} prefix ({@code <dir>/<name>/variables})
 * @param seen the training budget spent up to {@code step}, restored with the variables on resume
 * @param wallSeconds the variant's wall time up to {@code step}, all training segments included
 * @param written when it was published
 */
public record Checkpoint(String name, long step, Path prefix, Budget seen, double wallSeconds, Instant written) {}
