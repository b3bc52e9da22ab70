package dev.rethink.graph.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.DeviceSpec;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;

/**
 * {@link Ops} for a graph whose name scopes open in constant time.
 *
 * <p>TF Java's own scopes import every op name of the graph whenever a sub-scope is opened
 * ({@code NameScope.withSubScope} → {@code importIdsFrom}), which makes building a network with one scope per
 * layer quadratic in its size (ResNet-101: ~9 s instead of ~2 s). The scope here keeps one registry of the names
 * it has handed out, per graph root, and checks a candidate op name against the graph by a single lookup, so a
 * name taken by ops built elsewhere is still never reused. It supports names, sub-scopes, devices and control
 * dependencies; not TF Java's "init scope" (variables here are initialized by {@link VariableStore#initializer()}).
 */
public final class GraphOps {
  private GraphOps() {}

  /** The root {@code Ops} of {@code graph}. Create one per graph and derive every other scope from it. */
  public static Ops create(Graph graph) {
    FastScope root = new FastScope(graph, new Names(graph), "", null, List.of(), DeviceSpec.newBuilder().build());
    return Ops.create(new Factory(graph, root));
  }

  /** Names handed out under one root. */
  private static final class Names {
    private final Graph graph;
    private final Map<String, Integer> used = new HashMap<>();

    Names(Graph graph) {
      this.graph = graph;
    }

    /** {@code name}, or {@code name_1}, {@code name_2}... the first not yet used here nor an op of the graph. */
    String unique(String name) {
      Integer n = used.get(name);
      if (n == null && graph.operation(name) == null) {
        used.put(name, 0);
        return name;
      }
      int i = n == null ? 0 : n;
      String candidate;
      do {
        i++;
        candidate = name + "_" + i;
      } while (used.containsKey(candidate) || graph.operation(candidate) != null);
      used.put(name, i);
      used.put(candidate, 0);
      return candidate;
    }
  }

  /** A scope: a name prefix, an optional fixed op name, control dependencies and a device. */
  private static final class FastScope implements Scope {
    private final Graph graph;
    private final Names names;
    private final String prefix;
    private final String opName;
    private final List<Operation> controls;
    private final DeviceSpec device;

    FastScope(Graph graph, Names names, String prefix, String opName, List<Operation> controls, DeviceSpec device) {
      this.graph = graph;
      this.names = names;
      this.prefix = prefix;
      this.opName = opName;
      this.controls = controls;
      this.device = device;
    }

    @Override
    public ExecutionEnvironment env() {
      return graph;
    }

    @Override
    public Scope withSubScope(String childScopeName) {
      requireValid(childScopeName);
      String child = names.unique(qualify(opName != null ? opName : childScopeName));
      return new FastScope(graph, names, child, null, controls, device);
    }

    @Override
    public Scope withName(String name) {
      requireValid(name);
      return new FastScope(graph, names, prefix, name, controls, device);
    }

    @Override
    public Scope withNameAsSubScope(String defaultName) {
      return withSubScope(defaultName);
    }

    @Override
    public Scope withDevice(DeviceSpec newDevice) {
      return new FastScope(graph, names, prefix, opName, controls, newDevice);
    }

    @Override
    public Scope withInitScope() {
      throw new UnsupportedOperationException("GraphOps has no init scope: initialize variables with"
          + " VariableStore.initializer()");
    }

    @Override
    public String makeOpName(String defaultName) {
      return names.unique(qualify(opName != null ? opName : defaultName));
    }

    @Override
    public String makeUnique(String id) {
      return names.unique(qualify(id)).substring(prefix.isEmpty() ? 0 : prefix.length() + 1);
    }

    @Override
    public void refreshNames() {
      // Names are checked against the graph when made.
    }

    @Override
    public Scope withControlDependencyOps(Iterable<Operation> ops) {
      List<Operation> all = new ArrayList<>();
      ops.forEach(all::add);
      return new FastScope(graph, names, prefix, opName, List.copyOf(all), device);
    }

    @Override
    public OperationBuilder apply(OperationBuilder builder) {
      String d = device.toString();
      if (!d.isEmpty()) {
        builder.setDevice(d);
      }
      for (Operation control : controls) {
        builder.addControlInput(control);
      }
      return builder;
    }

    @Override
    public String getDeviceString() {
      return device.toString();
    }

    @Override
    public boolean isInit() {
      return false;
    }

    private String qualify(String name) {
      return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static void requireValid(String name) {
      if (!Scope.isValidOpName(name)) {
        throw new IllegalArgumentException("invalid op or scope name '" + name + "'");
      }
    }
  }

  /** Hands the root scope to {@link Ops#create(ExecutionEnvironment)}; everything else is the graph's. */
  private static final class Factory implements ExecutionEnvironment {
    private final Graph graph;
    private final Scope root;

    Factory(Graph graph, Scope root) {
      this.graph = graph;
      this.root = root;
    }

    @Override
    public OperationBuilder opBuilder(String type, String name, Scope scope) {
      return graph.opBuilder(type, name, scope);
    }

    @Override
    public void attachFunction(ConcreteFunction function) {
      graph.attachFunction(function);
    }

    @Override
    public void checkInput(Operation input) {
      graph.checkInput(input);
    }

    @Override
    public Types environmentType() {
      return graph.environmentType();
    }

    @Override
    public Scope baseScope() {
      return root;
    }

    @Override
    public boolean isInitializer(Operation operation) {
      return graph.isInitializer(operation);
    }
  }
}
