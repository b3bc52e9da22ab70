package dev.rethink.dsl.study;

import static dev.rethink.dsl.SpecException.require;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A named scale, chosen on the command line ({@code --profile NAME}): the bundled {@link #QUICK} and
 * {@link #PAPER}, or one a study declares in {@link Study#profiles()}, e.g. a "mini COCO" between the two:
 * {@code Profile.named("mini-coco", Scale.QUICK.withDetection(...))}. Open, so that a scale is the user's to
 * define; the name is what a run directory and its report record.
 *
 * @param name lower-case name used on the command line and in run directory names
 * @param scale its numbers
 */
public record Profile(String name, Scale scale) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  /** Embedded synthetic data and small networks: minutes on a 2-core CPU. */
  public static final Profile QUICK = new Profile("quick", Scale.QUICK);

  /** The paper's protocol (studies/README.md): real datasets, full networks, days on 8 GPUs. */
  public static final Profile PAPER = new Profile("paper", Scale.PAPER);

  public Profile {
    require(name != null && NAME.matcher(name).matches(), "profile.name", "'" + name + "' must match " + NAME
        + " (it names run directories)");
    require(scale != null, "profile.scale", "is required (hint: Scale.QUICK.withDetection(...))");
  }

  /** A profile of one's own. */
  public static Profile named(String name, Scale scale) {
    return new Profile(name, scale);
  }

  /** The bundled profiles, quick first (the default). */
  public static List<Profile> bundled() {
    return List.of(QUICK, PAPER);
  }

  /** The name used on the command line (the same as {@link #name()}). */
  public String cliName() {
    return name;
  }

  /** One of the bundled profiles by name; the error lists the valid names. */
  public static Profile parse(String name) {
    return parse(name, bundled());
  }

  /** One of {@code available} by name, case-insensitively; the error lists the known names. */
  public static Profile parse(String name, List<Profile> available) {
    String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
    for (Profile p : available) {
      if (p.name.equals(wanted)) {
        return p;
      }
    }
    List<String> names = new ArrayList<>();
    available.forEach(p -> names.add(p.name));
    throw new IllegalArgumentException("profile: unknown profile '" + name + "'; known: "
        + String.join(", ", names));
  }
}
