/**
 * Tasks and feeds: what the task-agnostic training loop asks of a variant's data. {@link
 * dev.rethink.runtime.task.StudyData} opens each distinct dataset of a study once and gives every variant its
 * {@link dev.rethink.runtime.task.TrainingTask} (classification or detection, chosen from the variant's input),
 * which turns batches into {@link dev.rethink.runtime.task.Feeds} of the graph's inputs — with the images,
 * instances and pixels each batch adds to the budget — and evaluates the inference tower.
 */
package dev.rethink.runtime.task;
