package dev.rethink.dsl;

/**
 * A spec that breaks a rule. The message names the field path, the rule, the offending value and a hint, e.g.
 * {@code variants[scratch].model.backbone.norm: GroupNorm(groups=32) needs channels divisible by 32, stem has 48}.
 * A part raises its field relative to itself ({@code norm}); the spec holding it puts its own path in front
 * ({@link #under}), up to the variant ({@code variants[scratch].model.backbone}), see {@link SpecParts}.
 */
public final class SpecException extends IllegalArgumentException {
  private final String field;

  public SpecException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The dotted path of the field at fault, relative to the spec that raised it, e.g. {@code init.freezeAt}. */
  public String field() {
    return field;
  }

  /** Checks a condition; on failure throws with {@code field: message}. */
  public static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw new SpecException(field, message);
    }
  }

  /** Rethrows a nested spec's failure with the enclosing path in front of its field. */
  public SpecException under(String prefix) {
    SpecException e = new SpecException(prefix + "." + field, getMessage().substring(field.length() + 2));
    e.setStackTrace(getStackTrace());
    return e;
  }
}
