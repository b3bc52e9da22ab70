package dev.rethink.runtime.data;

/**
 * How the input pipeline runs: decoding and augmentation threads, batches prepared ahead, and the memory
 * allowed for keeping a small dataset decoded. None of these changes which batches are produced, only how fast.
 *
 * @param threads decoding/augmentation threads per stream
 * @param prefetchBatches batches prepared ahead of the consumer (the bound of the prefetch queue)
 * @param decodedCacheBytes a dataset whose decoded pixels are estimated to fit in this many bytes is decoded
 *     once, when opened, and kept in memory
 */
public record PipelineSettings(int threads, int prefetchBatches, long decodedCacheBytes) {

  /** Batches prepared ahead by default: enough to hide a slow image behind the others. */
  public static final int DEFAULT_PREFETCH_BATCHES = 4;

  /** Decoded-cache budget by default: the quick profile's sets (a few MB) fit, ImageNet does not. */
  public static final long DEFAULT_DECODED_CACHE_BYTES = 512L << 20;

  public PipelineSettings {
    if (threads < 1 || prefetchBatches < 1 || decodedCacheBytes < 0) {
      throw new IllegalArgumentException("pipeline settings: threads and prefetchBatches must be >= 1 and"
          + " decodedCacheBytes >= 0, were " + threads + ", " + prefetchBatches + ", " + decodedCacheBytes);
    }
  }

  /** One thread per available processor, the default prefetch depth and cache budget. */
  public static PipelineSettings defaults() {
    return new PipelineSettings(Runtime.getRuntime().availableProcessors(), DEFAULT_PREFETCH_BATCHES,
        DEFAULT_DECODED_CACHE_BYTES);
  }

  public PipelineSettings withThreads(int n) {
    return new PipelineSettings(n, prefetchBatches, decodedCacheBytes);
  }

  public PipelineSettings withDecodedCacheBytes(long bytes) {
    return new PipelineSettings(threads, prefetchBatches, bytes);
  }
}
