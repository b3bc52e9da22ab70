/**
 * Decoded images as interleaved RGB bytes, their decoding from JPEG/PNG files with corrupt-file detection, and
 * resampling.
 */
package dev.rethink.runtime.data.image;
