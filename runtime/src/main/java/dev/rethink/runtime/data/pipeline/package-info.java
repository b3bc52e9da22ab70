/**
 * The parallel input pipeline: batches are assembled by a pool of threads, a bounded number ahead of the
 * consumer, and handed out in batch-index order whatever the thread timing.
 */
package dev.rethink.runtime.data.pipeline;
