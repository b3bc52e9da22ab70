package dev.rethink.runtime.data.coco;

/**
 * What identifies a training subset, recorded with a run: its seed, its size and the SHA-256 of its sorted image
 * ids written in decimal, comma-separated (so anyone can recompute it from the ids).
 *
 * @param seed the subset seed
 * @param images number of images
 * @param imageIdsSha256 hex SHA-256 of the sorted ids, e.g. of {@code "9,25,30"}
 */
public record SubsetIdentity(long seed, int images, String imageIdsSha256) {}
