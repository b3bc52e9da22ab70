package dev.rethink.dsl.study;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The scale a study runs at, chosen on the command line ({@code --profile quick|paper}). */
public enum Profile {
  /** Embedded synthetic data and small networks: minutes on a 2-core CPU. */
  QUICK,
  /** The paper's protocol (studies/README.md): real datasets, full networks, days on 8 GPUs. */
  PAPER;

  /** The scale's numbers for this profile. */
  public Scale scale() {
    return switch (this) {
      case QUICK -> Scale.QUICK;
      case PAPER -> Scale.PAPER;
    };
  }

  /** The lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code quick} / {@code paper}; the error lists the valid names. */
  public static Profile parse(String name) {
    for (Profile p : values()) {
      if (p.cliName().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("profile: unknown profile '" + name + "'; known: "
        + Arrays.stream(values()).map(Profile::cliName).collect(Collectors.joining(", ")));
  }
}
