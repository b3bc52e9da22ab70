package dev.rethink.graph.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Operands;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * The variables of one graph, created by exact name and shared by every tower that asks for the same name.
 *
 * <p>Variables are TensorFlow "ref" variables ({@code VariableV2}) because {@code Session.save} checkpoints exactly
 * those, and {@code ApplyMomentum} updates them in place. A variable's op name is its path
 * ({@code backbone/res2/block0/conv1/kernel}); its initializer ops live under {@value #INIT_SCOPE}/ + path. Each
 * initial value is drawn with a seed derived from the store's seed and the variable's name
 * ({@link Seeds#forVariable}), so initialization does not depend on build order.
 */
public final class VariableStore {
  /** Scope of the initializer ops. */
  public static final String INIT_SCOPE = "init";
  /** TensorFlow's op name rule. */
  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-/]*");

  private final Ops tf;
  private final long seed;
  private final Map<String, Ops> initScopes = new HashMap<>();
  private final Map<String, ModelVariable> variables = new LinkedHashMap<>();
  private final List<Op> initializers = new ArrayList<>();

  /**
   * @param tf the graph's root {@code Ops}
   * @param seed the seed every random initial value derives from (the variant's seed)
   */
  public VariableStore(Ops tf, long seed) {
    this.tf = tf;
    this.seed = seed;
    initScopes.put("", tf.withSubScope(INIT_SCOPE));
  }

  /** The root {@code Ops} of the graph. */
  public Ops ops() {
    return tf;
  }

  /** The seed initial values derive from. */
  public long seed() {
    return seed;
  }

  /**
   * The variable called {@code name}: created with its initializer on first request, returned as is when
   * requested again with the same shape, type, role and trainability (the inference tower shares the training
   * tower's variables this way).
   *
   * @throws IllegalStateException when {@code name} exists with another shape, type, role or trainability
   */
  @SuppressWarnings("unchecked")
  public <T extends TNumber> Variable<T> variable(String name, Shape shape, Class<T> type, VariableRole role,
      boolean trainable, Initializer init) {
    ModelVariable existing = variables.get(name);
    if (existing != null) {
      if (!existing.shape().equals(shape) || existing.type() != type || existing.role() != role
          || existing.trainable() != trainable) {
        throw new IllegalStateException("variable " + name + " is requested as " + describe(shape, type, role,
            trainable) + " but exists as " + describe(existing.shape(), existing.type(), existing.role(),
            existing.trainable()) + " (two layers share one name?)");
      }
      return (Variable<T>) existing.variable();
    }
    Variable<T> variable = createVariable(name, shape, type);
    Ops scope = initScope(name);
    Operand<T> value = init.initialValue(scope, shape, type, scope.constant(Seeds.forVariable(seed, name)));
    initializers.add(scope.assign(variable, value));
    variables.put(name, new ModelVariable(name, variable, shape, role, trainable));
    return variable;
  }

  /** Every variable, in creation order. */
  public List<ModelVariable> all() {
    return Collections.unmodifiableList(new ArrayList<>(variables.values()));
  }

  /** The variable called {@code name}, if any. */
  public Optional<ModelVariable> find(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  /** One op that assigns every variable created so far its initial value. */
  public Op initializer() {
    return tf.withName("initializer").withControlDependencies(initializers).noOp();
  }

  /**
   * A {@code VariableV2} named exactly {@code name}, built with the raw op builder: no scope needs to be opened
   * for it, and a taken name fails instead of being suffixed.
   */
  private <T extends TNumber> Variable<T> createVariable(String name, Shape shape, Class<T> type) {
    if (!VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid variable name '" + name + "': must match " + VALID_NAME);
    }
    Scope scope = tf.scope();
    try {
      Operation op = scope.env().opBuilder(Variable.OP_NAME, name, scope)
          .setAttr("shape", shape)
          .setAttr("dtype", Operands.toDataType(type))
          .build();
      return new Variable<>(op);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cannot create variable " + name + ": " + e.getMessage(), e);
    }
  }

  /** The scope {@value #INIT_SCOPE}/{@code path}, each level opened once (TF Java renames a re-opened scope). */
  private Ops initScope(String path) {
    Ops cached = initScopes.get(path);
    if (cached == null) {
      int slash = path.lastIndexOf('/');
      cached = initScope(slash < 0 ? "" : path.substring(0, slash)).withSubScope(path.substring(slash + 1));
      initScopes.put(path, cached);
    }
    return cached;
  }

  private static String describe(Shape shape, Class<?> type, VariableRole role, boolean trainable) {
    return type.getSimpleName() + shape + " " + role + (trainable ? " trainable" : " not trainable");
  }
}
