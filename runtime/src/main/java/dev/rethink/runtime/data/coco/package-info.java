/**
 * COCO-format datasets: the instances / person-keypoints annotation JSON (polygons, RLE in both forms, crowd
 * regions, non-contiguous category ids), checked up front, and the paper's random training subsets.
 */
package dev.rethink.runtime.data.coco;
