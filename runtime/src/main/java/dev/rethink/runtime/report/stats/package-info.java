/**
 * The statistics of replicated runs: what the report says about a variant trained with several seeds and about
 * the comparisons a study declares (the project's "Replicates with confidence intervals").
 *
 * <p>Why it exists: the paper's claims are differences of about one AP point, and one run per variant cannot
 * tell such a difference from seed noise. Everything here is a 95 % Student t-interval:
 *
 * <ul>
 *   <li>{@link dev.rethink.runtime.report.stats.Summary}: one variant's replicates of one metric — n, mean, sample
 *       standard deviation (n − 1), standard error and the interval mean ± t(0.975, n − 1)·se. One replicate gives
 *       the mean alone, with the reason; none is an error naming the variant and metric.
 *   <li>{@link dev.rethink.runtime.report.stats.PairedComparison}: two variants run with the same seeds; the
 *       interval of the mean of the per-seed differences a − b (seed noise shared by both sides cancels).
 *   <li>{@link dev.rethink.runtime.report.stats.WelchComparison}: the unpaired interval (Welch–Satterthwaite df)
 *       when the seeds do not match; {@link dev.rethink.runtime.report.stats.Comparison#of} says when each is
 *       used.
 *   <li>{@link dev.rethink.runtime.report.stats.StatsMarkdown}: the report's cells, sentences and tables.
 * </ul>
 *
 * <p><b>Non-finite values are excluded and counted</b>, not refused: a replicate that diverged (NaN or infinite
 * metric) is a result the report already shows by its status; refusing would hide the other replicates' figures.
 * The count is carried ({@link dev.rethink.runtime.report.stats.Summary#excluded()}) and shown next to the
 * figures, so a reader sees that n shrank and why. A paired comparison drops the seed of such a value and names it.
 *
 * <p>Values are taken in the unit the report shows (AP in %, accuracies in %): callers convert first (the report's
 * {@code MetricColumns.display}). Student t quantiles come from Apache Commons Statistics.
 */
package dev.rethink.runtime.report.stats;
