/**
 * Checkpoints a crash cannot break: {@link dev.rethink.runtime.train.checkpoint.CheckpointManager} writes each
 * checkpoint into a temporary directory, syncs it, publishes it with one atomic rename and then points
 * {@code checkpoint.json} at it with another, so the latest checkpoint is always a complete one; it keeps the last
 * N and verifies sizes and CRC32C checksums before a checkpoint is used.
 */
package dev.rethink.runtime.train.checkpoint;
