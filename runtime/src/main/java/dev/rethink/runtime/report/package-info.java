/**
 * The run directory and what is written into it: {@code study.json}, per-variant {@code metrics.jsonl} and
 * {@code summary.json}, and the study's {@code report.md} with its {@code curves.png}. Also the short
 * human-readable labels of variant choices shared by the report and {@code rethink describe}.
 */
package dev.rethink.runtime.report;
