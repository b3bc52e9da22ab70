package dev.rethink.runtime.data.detection;

import java.nio.file.Path;
import java.util.List;

/**
 * One image of a detection set and its instances.
 *
 * @param id image id (COCO {@code id}; for VOC, the position in the image set)
 * @param name the id as the format names it (COCO {@code file_name}, VOC image id)
 * @param file the image file
 * @param width width in pixels, as annotated
 * @param height height in pixels, as annotated
 * @param instances annotated objects
 */
public record ImageRecord(long id, String name, Path file, int width, int height, List<Instance> instances) {
  public ImageRecord {
    instances = List.copyOf(instances);
  }
}
