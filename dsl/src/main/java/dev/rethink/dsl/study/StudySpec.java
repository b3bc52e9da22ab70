package dev.rethink.dsl.study;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.init.WeightsSpec;
import dev.rethink.dsl.model.ModelSpec;
import dev.rethink.dsl.norm.NoNorm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A study at one profile: its variants, complete and validated. This is what a run records as
 * {@code study.json} and what the runtime executes.
 *
 * @param schemaVersion version of this JSON form; {@link #SCHEMA_VERSION} when written by this code
 * @param name study name
 * @param description the question the study answers
 * @param profile the profile it was defined at ({@code quick} / {@code paper})
 * @param variants variants in declaration order; names are unique
 */
public record StudySpec(int schemaVersion, String name, String description, String profile,
    List<VariantSpec> variants) {

  /** The JSON schema version written by this code. */
  public static final int SCHEMA_VERSION = 1;

  public StudySpec {
    require(schemaVersion == SCHEMA_VERSION, "schemaVersion", "is " + schemaVersion + "; this Rethink reads "
        + SCHEMA_VERSION);
    require(name != null && !name.isBlank(), "name", "is required");
    require(description != null, "description", "is required");
    require(profile != null, "profile", "is required");
    require(variants != null && !variants.isEmpty(), "variants", "a study needs at least one variant");
    variants = List.copyOf(variants);
    Map<String, VariantSpec> byName = new LinkedHashMap<>();
    for (VariantSpec v : variants) {
      require(byName.putIfAbsent(v.name(), v) == null, "variants[" + v.name() + "].name",
          "two variants are named '" + v.name() + "' (hint: give each variant a unique name)");
    }
    for (VariantSpec v : variants) {
      source(v).ifPresent(src -> {
        String field = "variants[" + v.name() + "].init.weights.variant";
        VariantSpec from = byName.get(src);
        require(from != null, field, "no variant '" + src + "' in study " + name + "; known: " + byName.keySet());
        checkTransferable(field, from.model(), v.model());
      });
    }
    order(byName);
  }

  /** A study from a {@link Study} instance and its variants. */
  public static StudySpec of(Study study, Profile profile, VariantSpec... variants) {
    return new StudySpec(SCHEMA_VERSION, study.name(), study.description(), profile.cliName(),
        List.of(variants));
  }

  /** The variant with this name. */
  public Optional<VariantSpec> variant(String variantName) {
    return variants.stream().filter(v -> v.name().equals(variantName)).findFirst();
  }

  /**
   * The variants in an order that runs every weight source before the variants initialized from it;
   * otherwise declaration order.
   */
  public List<VariantSpec> executionOrder() {
    Map<String, VariantSpec> byName = new LinkedHashMap<>();
    variants.forEach(v -> byName.put(v.name(), v));
    return order(byName);
  }

  /** The subset of variants named, plus every variant they take weights from, in execution order. */
  public StudySpec select(List<String> names) {
    Set<String> wanted = new HashSet<>();
    for (String n : names) {
      require(variant(n).isPresent(), "variant", "no variant '" + n + "' in study " + name + "; known: "
          + variants.stream().map(VariantSpec::name).toList());
      String at = n;
      while (at != null && wanted.add(at)) {
        at = source(variant(at).orElseThrow()).orElse(null);
      }
    }
    List<VariantSpec> kept = variants.stream().filter(v -> wanted.contains(v.name())).toList();
    return new StudySpec(schemaVersion, name, description, profile, kept);
  }

  /** The same study with every variant's seed replaced (the CLI's {@code --seed}). */
  public StudySpec withSeed(long seed) {
    return new StudySpec(schemaVersion, name, description, profile,
        variants.stream().map(v -> v.withSeed(seed)).toList());
  }

  private static Optional<String> source(VariantSpec v) {
    WeightsSpec w = v.init().weights();
    return w instanceof FromVariant f ? Optional.of(f.variant()) : Optional.empty();
  }

  private static List<VariantSpec> order(Map<String, VariantSpec> byName) {
    List<VariantSpec> out = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>(); // 1 = visiting, 2 = done
    for (VariantSpec v : byName.values()) {
      visit(v, byName, state, out, new ArrayList<>());
    }
    return List.copyOf(out);
  }

  private static void visit(VariantSpec v, Map<String, VariantSpec> byName, Map<String, Integer> state,
      List<VariantSpec> out, List<String> path) {
    Integer s = state.get(v.name());
    if (s != null && s == 2) {
      return;
    }
    path.add(v.name());
    require(s == null, "variants[" + v.name() + "].init.weights.variant", "initialization forms a cycle: "
        + String.join(" -> ", path) + " (hint: a variant cannot start from its own result)");
    state.put(v.name(), 1);
    Optional<String> src = source(v);
    if (src.isPresent()) {
      visit(byName.get(src.get()), byName, state, out, path);
    }
    state.put(v.name(), 2);
    path.remove(path.size() - 1);
    out.add(v);
  }

  /** Backbone weights move between variants whose backbones differ at most in BN flavour. */
  private static void checkTransferable(String field, ModelSpec from, ModelSpec to) {
    boolean sameArchitecture = from.backbone().withNorm(new NoNorm()).equals(to.backbone().withNorm(new NoNorm()));
    require(sameArchitecture, field, "the backbone " + to.backbone() + " differs from the source's "
        + from.backbone() + " (hint: pre-train the same architecture you fine-tune)");
    require(from.backbone().norm().parameterFamily().equals(to.backbone().norm().parameterFamily()), field,
        "cannot initialize " + to.backbone().norm() + " from " + from.backbone().norm()
            + " weights: the parameters differ (hint: BN, SyncBN and FrozenBN share parameters; GN needs GN)");
  }
}
