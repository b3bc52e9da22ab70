package dev.rethink.runtime.report.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rethink.dsl.Json;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.coco.SubsetIdentity;
import dev.rethink.runtime.report.VariantLabels;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a variant's dataset was, as opened.
 *
 * @param label e.g. {@code synthetic SOURCE (4 classes)}
 * @param spec the dataset spec as JSON
 * @param location the folder read, when the data layer says (null otherwise)
 * @param trainImages training images used
 * @param evalImages evaluation images
 * @param classes number of classes
 * @param subset the training subset's seed, size and image-id hash, for a subset
 * @param skipped images left out by reason (detection), null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetIdentity(String label, JsonNode spec, String location, int trainImages, int evalImages,
    int classes, SubsetIdentity subset, Map<String, Integer> skipped) {

  /** A classification dataset. */
  public static DatasetIdentity of(DatasetSpec spec, ClassificationData data) {
    return new DatasetIdentity(VariantLabels.data(spec), tree(spec), data.location().map(Path::toString).orElse(null),
        data.trainSize(), data.evalSize(), data.numClasses(), null, null);
  }

  /** A detection dataset. */
  public static DatasetIdentity of(DatasetSpec spec, DetectionData data) {
    return new DatasetIdentity(VariantLabels.data(spec), tree(spec), null, data.trainSize(), data.evalSize(),
        data.numClasses(), data.subset().orElse(null), data.skipped().isEmpty() ? null : data.skipped());
  }

  private static JsonNode tree(DatasetSpec spec) {
    return Json.mapper().valueToTree(spec);
  }
}
