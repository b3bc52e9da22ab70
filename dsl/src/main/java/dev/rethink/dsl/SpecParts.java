package dev.rethink.dsl;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * When the rules of a spec <em>part</em> — every spec record below a variant: model, backbone, norm, schedule,
 * warm-up, data, ... — are checked, so that a broken rule names its full path.
 *
 * <p>A part is built before the variant that takes it: in {@code gn.withSchedule(s.nx(2).withBaseLr(-1))} the
 * schedule exists, and breaks its rule, before any variant holds it, so a schedule that checked itself could only
 * name {@code baseLr}. Inside {@link #deferringChecks} parts therefore do not check themselves; the variant that
 * takes them checks them all ({@link #check}) and names {@code variants[gn].schedule.baseLr}. Outside (a part
 * built on its own, in a test or a graph), a part checks itself when built, naming its field relative to itself.
 *
 * <p>A part opts in by guarding its compact constructor's rules with {@link #checkNow()}; a recheck builds the
 * part again from its components with the rules on, so every rule lives in one place, the constructor.
 */
public final class SpecParts {
  private static final ThreadLocal<Boolean> DEFERRED = ThreadLocal.withInitial(() -> false);

  private SpecParts() {}

  /** True where a part checks its rules as it is built; false inside {@link #deferringChecks}. */
  public static boolean checkNow() {
    return !DEFERRED.get();
  }

  /**
   * Runs {@code body} (a study's {@code define}, a JSON read) with the parts it builds left unchecked until a
   * variant takes them; restores the previous mode afterwards, so scopes nest.
   */
  public static <T> T deferringChecks(Supplier<T> body) {
    return runWith(true, body);
  }

  /**
   * Checks {@code part} and every part inside it, innermost first, with the rules on; a broken rule is rethrown
   * with {@code path} in front of its field (as {@code variants[gn].schedule} + {@code baseLr}). Nulls, enums and
   * other non-record values are skipped: the enclosing spec's own rules cover them.
   *
   * @param path where {@code part} sits, e.g. {@code variants[gn].schedule}; empty for a root
   */
  public static void check(String path, Object part) {
    runWith(false, () -> {
      visit(path, part);
      return null;
    });
  }

  private static <T> T runWith(boolean deferred, Supplier<T> body) {
    boolean previous = DEFERRED.get();
    DEFERRED.set(deferred);
    try {
      return body.get();
    } finally {
      DEFERRED.set(previous);
    }
  }

  private static void visit(String path, Object value) {
    if (value instanceof Record record) {
      RecordComponent[] components = record.getClass().getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        values[i] = read(components[i], record);
        types[i] = components[i].getType();
        visit(join(path, components[i].getName()), values[i]);
      }
      rebuild(path, record.getClass(), types, values);
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        visit(path + "[" + i + "]", list.get(i));
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> visit(path + "[" + k + "]", v));
    }
  }

  /** Builds the record again from its components, so that its constructor's rules run. */
  private static void rebuild(String path, Class<?> type, Class<?>[] types, Object[] values) {
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SpecException spec) {
        throw path.isEmpty() ? spec : spec.under(path);
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("checking " + type.getName() + " at " + path, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot check " + type.getName() + " at " + path + ": " + e, e);
    }
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
