package dev.rethink.runtime.eval.coco;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ground truth of a COCO-format dataset: images, categories and annotations, checked for consistency (unique
 * ids, annotations referring to known images and categories).
 *
 * <p>Categories also have a <em>contiguous index</em>: their position in ascending id order, 0-based. Models
 * predict contiguous indices; {@link #categoryId(int)} maps them back to the dataset's ids for results files.
 */
public final class CocoGroundTruth {
  private final List<CocoImage> images;
  private final List<CocoCategory> categories;
  private final List<CocoAnnotation> annotations;
  private final Map<Long, CocoImage> imagesById = new HashMap<>();
  private final Map<Integer, Integer> indexByCategoryId = new HashMap<>();

  /**
   * @throws IllegalArgumentException naming the entry, for duplicate ids or annotations of unknown images or
   *     categories
   */
  public CocoGroundTruth(List<CocoImage> images, List<CocoCategory> categories, List<CocoAnnotation> annotations) {
    this.images = List.copyOf(images);
    List<CocoCategory> sorted = new ArrayList<>(categories);
    sorted.sort(Comparator.comparingInt(CocoCategory::id));
    this.categories = List.copyOf(sorted);
    this.annotations = List.copyOf(annotations);
    for (int i = 0; i < this.images.size(); i++) {
      CocoImage image = this.images.get(i);
      if (imagesById.put(image.id(), image) != null) {
        throw new IllegalArgumentException("images[" + i + "]: duplicate image id " + image.id());
      }
    }
    for (int i = 0; i < this.categories.size(); i++) {
      if (indexByCategoryId.put(this.categories.get(i).id(), i) != null) {
        throw new IllegalArgumentException("categories: duplicate category id " + this.categories.get(i).id());
      }
    }
    Set<Long> annotationIds = new HashSet<>();
    for (int i = 0; i < this.annotations.size(); i++) {
      CocoAnnotation a = this.annotations.get(i);
      if (!annotationIds.add(a.id())) {
        throw new IllegalArgumentException("annotations[" + i + "]: duplicate annotation id " + a.id());
      }
      if (!imagesById.containsKey(a.imageId())) {
        throw new IllegalArgumentException("annotations[" + i + "] (id " + a.id() + "): image_id " + a.imageId()
            + " is not among the images");
      }
      if (!indexByCategoryId.containsKey(a.categoryId())) {
        throw new IllegalArgumentException("annotations[" + i + "] (id " + a.id() + "): category_id "
            + a.categoryId() + " is not among the categories " + categoryIdList());
      }
    }
  }

  /** Images in file order. */
  public List<CocoImage> images() {
    return images;
  }

  /** Categories in ascending id order (= contiguous index order). */
  public List<CocoCategory> categories() {
    return categories;
  }

  /** Annotations in file order (the order in which the reference matches ground truth of equal IoU). */
  public List<CocoAnnotation> annotations() {
    return annotations;
  }

  /** The image with this id, or null. */
  public CocoImage image(long id) {
    return imagesById.get(id);
  }

  public boolean hasCategory(int categoryId) {
    return indexByCategoryId.containsKey(categoryId);
  }

  /** The dataset's id of the category with this contiguous index (0-based, ascending id order). */
  public int categoryId(int contiguousIndex) {
    if (contiguousIndex < 0 || contiguousIndex >= categories.size()) {
      throw new IndexOutOfBoundsException("category index " + contiguousIndex + " not in [0, "
          + categories.size() + ")");
    }
    return categories.get(contiguousIndex).id();
  }

  /** The contiguous index (0-based) of a dataset category id. */
  public int categoryIndex(int categoryId) {
    Integer index = indexByCategoryId.get(categoryId);
    if (index == null) {
      throw new IllegalArgumentException("category_id " + categoryId + " is not among the categories "
          + categoryIdList());
    }
    return index;
  }

  /** A short description of the category ids for messages, e.g. {@code [1..90] (80 ids)}. */
  String categoryIdList() {
    if (categories.isEmpty()) {
      return "(none)";
    }
    if (categories.size() <= 10) {
      return categories.stream().map(c -> Integer.toString(c.id())).toList().toString();
    }
    return "[" + categories.get(0).id() + ".." + categories.get(categories.size() - 1).id() + "] ("
        + categories.size() + " ids)";
  }
}
