package dev.rethink.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rethink.dsl.Json;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The first field in which two study specs differ, by their JSON: e.g.
 * {@code variants[pretrain].schedule.iterations: 300 in the run directory, 600 now}. Array elements that have a
 * {@code name} are named by it, others by index.
 */
public final class SpecDifference {
  private SpecDifference() {}

  /** The first difference of {@code now} from {@code recorded}, or empty when they are equal. */
  public static Optional<String> first(StudySpec recorded, StudySpec now) {
    return first("", Json.mapper().valueToTree(recorded), Json.mapper().valueToTree(now));
  }

  /**
   * The first difference of {@code now} from {@code recorded} outside their variants (name, description,
   * profile, schema version), or empty: what makes {@code now} another study rather than more of the same one.
   */
  public static Optional<String> firstOutsideVariants(StudySpec recorded, StudySpec now) {
    ObjectNode a = Json.mapper().valueToTree(recorded);
    ObjectNode b = Json.mapper().valueToTree(now);
    a.remove("variants");
    b.remove("variants");
    return first("", a, b);
  }

  /**
   * The first difference between two specs of one variant, named from the study, e.g.
   * {@code variants[pretrain].seed: 3 in the run directory, 5 now}; empty when they are equal.
   */
  public static Optional<String> first(VariantSpec recorded, VariantSpec now) {
    return first("variants[" + recorded.name() + "]", Json.mapper().valueToTree(recorded),
        Json.mapper().valueToTree(now));
  }

  static Optional<String> first(String path, JsonNode recorded, JsonNode now) {
    if (recorded.equals(now)) {
      return Optional.empty();
    }
    if (recorded.isObject() && now.isObject()) {
      Set<String> fields = new LinkedHashSet<>();
      recorded.fieldNames().forEachRemaining(fields::add);
      now.fieldNames().forEachRemaining(fields::add);
      for (String f : fields) {
        Optional<String> d = first(path.isEmpty() ? f : path + "." + f, recorded.path(f), now.path(f));
        if (d.isPresent()) {
          return d;
        }
      }
    } else if (recorded.isArray() && now.isArray()) {
      int n = Math.max(recorded.size(), now.size());
      for (int i = 0; i < n; i++) {
        JsonNode a = recorded.path(i);
        JsonNode b = now.path(i);
        String key = a.path("name").isTextual() && a.path("name").equals(b.path("name")) ? a.get("name").asText()
            : Integer.toString(i);
        Optional<String> d = first(path + "[" + key + "]", a, b);
        if (d.isPresent()) {
          return d;
        }
      }
    }
    return Optional.of((path.isEmpty() ? "the spec" : path) + ": " + show(recorded) + " in the run directory, "
        + show(now) + " now");
  }

  private static String show(JsonNode node) {
    if (node.isMissingNode()) {
      return "absent";
    }
    String text = node.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
