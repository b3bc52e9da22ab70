package dev.rethink.runtime.weights;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ByteArrayConstructor;

/**
 * Unpickling of weight files with Razorvine's unpickler, which executes nothing: the few globals a weights file
 * needs get small constructors here (numpy's {@code _reconstruct}, {@code dtype}, {@code scalar},
 * {@code _frombuffer}; torch's {@code _rebuild_tensor_v2}, {@code _rebuild_parameter}, the {@code *Storage}
 * types; {@code collections.OrderedDict}); every other global becomes an inert {@link PyObject} that only records
 * its name, so a checkpoint's unrelated entries (an optimizer, a config object) do not stop the read. The
 * registry is per instance (Razorvine's own is a static map, which this class leaves alone), dicts keep their
 * pickled order.
 */
final class Pickles {
  /** torch.save's legacy (pre-1.6, non-zip) format starts with this integer. */
  static final BigInteger LEGACY_TORCH_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

  private Pickles() {}

  /**
   * Unpickles {@code data}.
   *
   * @param persistent turns a persistent id (a tuple) into an object; null when the format has none
   * @throws WeightsFileException naming {@code file} and {@code part} when the pickle is truncated or corrupt
   */
  static Object load(Path file, String part, byte[] data, Function<Object[], Object> persistent)
      throws WeightsFileException {
    try {
      return new WeightsUnpickler(persistent).load(new ByteArrayInputStream(data));
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new WeightsFileException(file, null, part + " is not a valid pickle (truncated or corrupt?): " + why, e);
    }
  }

  /** A numpy array as pickled ({@code _reconstruct} + state, {@code _frombuffer} or {@code scalar}). */
  static final class NdArray {
    long[] shape = new long[0];
    NumpyType type;
    boolean fortran;
    byte[] data;

    /** numpy's {@code ndarray.__setstate__}: {@code (version, shape, dtype, is_fortran, rawdata)}. */
    void setState(Object state) {
      Object[] t = tuple(state, "numpy array state");
      int i = t.length == 5 ? 1 : 0; // version 0 pickles omit the version
      if (t.length - i != 4) {
        throw new PickleException("numpy array state has " + t.length + " fields");
      }
      shape = longs(t[i], "numpy array shape");
      if (!(t[i + 1] instanceof NumpyDtype d)) {
        throw new PickleException("numpy array dtype is a " + describe(t[i + 1]));
      }
      type = d.type();
      fortran = Boolean.TRUE.equals(t[i + 2]) || Integer.valueOf(1).equals(t[i + 2]);
      data = bytes(t[i + 3], type);
    }

    /** The tensor: checks the element count against the data, reorders Fortran data to row-major. */
    WeightTensor toTensor(Path file, String name) throws WeightsFileException {
      if (type == null || data == null) {
        throw new WeightsFileException(file, name, "numpy array without dtype or data (corrupt pickle?)");
      }
      return Npy.tensor(file, name, type, shape, fortran, ByteBuffer.wrap(data));
    }
  }

  /** A pickled {@code numpy.dtype}: constructed from {@code ('f4', align, copy)}, byte order from its state. */
  static final class NumpyDtype {
    final String descr;
    String byteOrder;

    NumpyDtype(String descr) {
      this.descr = descr;
    }

    void setState(Object state) {
      Object[] t = tuple(state, "numpy dtype state");
      if (t.length > 1 && t[1] instanceof String order) {
        byteOrder = order;
      }
      if (t.length > 3 && t[3] != null) {
        throw new PickleException("numpy record dtype (fields " + describe(t[3]) + ") is not a tensor dtype");
      }
    }

    NumpyType type() {
      return NumpyType.parse(descr, byteOrder);
    }
  }

  /** A {@code torch.*Storage} class: the dtype of the storages pickled with it (null when unknown). */
  record StorageType(String name, DType dtype) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      throw new PickleException("torch." + name + " is not constructed in a state dict");
    }
  }

  /** A storage of a PyTorch zip archive, read from {@code data/<key>}. */
  record StorageRef(StorageType type, String key, long numel) {}

  /** A tensor of a PyTorch archive: a view into a storage. */
  record TorchTensor(StorageRef storage, long offset, long[] size, long[] stride) {}

  /** An object of a class this package does not know (and needs not): its class name, for messages. */
  static final class PyObject {
    final String className;

    PyObject(String className) {
      this.className = className;
    }

    @Override
    public String toString() {
      return className;
    }
  }

  /** A short description of a pickled value for messages ("a str", "a list", "a torch.nn.Module"). */
  static String describe(Object o) {
    if (o == null) {
      return "None";
    }
    if (o instanceof PyObject p) {
      return "a " + p.className;
    }
    if (o instanceof String) {
      return "a str";
    }
    if (o instanceof Number) {
      return "a number";
    }
    if (o instanceof Boolean) {
      return "a bool";
    }
    if (o instanceof Object[]) {
      return "a tuple";
    }
    if (o instanceof List) {
      return "a list";
    }
    if (o instanceof Map) {
      return "a dict";
    }
    if (o instanceof byte[]) {
      return "bytes";
    }
    if (o instanceof NdArray) {
      return "a numpy array";
    }
    if (o instanceof TorchTensor) {
      return "a torch tensor";
    }
    return "a " + o.getClass().getSimpleName();
  }

  private static Object[] tuple(Object o, String what) {
    if (o instanceof Object[] t) {
      return t;
    }
    if (o instanceof List<?> l) {
      return l.toArray();
    }
    throw new PickleException(what + " is " + describe(o) + ", not a tuple");
  }

  static long[] longs(Object o, String what) {
    Object[] t = tuple(o, what);
    long[] out = new long[t.length];
    for (int i = 0; i < t.length; i++) {
      if (!(t[i] instanceof Number n)) {
        throw new PickleException(what + " holds " + describe(t[i]));
      }
      out[i] = n.longValue();
    }
    return out;
  }

  private static byte[] bytes(Object o, NumpyType type) {
    if (o instanceof byte[] b) {
      return b;
    }
    if (o instanceof String s) { // a Python 2 str (Detectron's pickles): one char per byte
      try {
        return PickleUtils.str2bytes(s);
      } catch (IOException e) {
        throw new PickleException("numpy array data is not a byte string: " + e.getMessage());
      }
    }
    if (o instanceof List) {
      throw new PickleException("numpy array of " + type.describe() + " holds Python objects, not raw data");
    }
    throw new PickleException("numpy array data is " + describe(o));
  }

  private static final class WeightsUnpickler extends Unpickler {
    private final Function<Object[], Object> persistent;
    private final Map<String, IObjectConstructor> globals = new LinkedHashMap<>();

    WeightsUnpickler(Function<Object[], Object> persistent) {
      this.persistent = persistent;
      IObjectConstructor orderedDict = args -> {
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        if (args.length == 1 && args[0] instanceof List<?> pairs) {
          for (Object pair : pairs) {
            Object[] kv = tuple(pair, "OrderedDict item");
            map.put(kv[0], kv[1]);
          }
        }
        return map;
      };
      globals.put("collections.OrderedDict", orderedDict);
      IObjectConstructor rebuildTensor = args -> {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage) || !(args[1] instanceof Number offset)) {
          throw new PickleException("unexpected torch tensor arguments");
        }
        return new TorchTensor(storage, offset.longValue(), longs(args[2], "tensor size"),
            longs(args[3], "tensor stride"));
      };
      globals.put("torch._utils._rebuild_tensor_v2", rebuildTensor);
      globals.put("torch._utils._rebuild_tensor", rebuildTensor);
      IObjectConstructor first = args -> args[0];
      globals.put("torch._utils._rebuild_parameter", first);
      globals.put("torch._utils._rebuild_parameter_with_state", first);
      storage("Double", DType.FLOAT64);
      storage("Float", DType.FLOAT32);
      storage("Half", DType.FLOAT16);
      storage("BFloat16", DType.BFLOAT16);
      storage("Long", DType.INT64);
      storage("Int", DType.INT32);
      storage("Short", DType.INT16);
      storage("Char", DType.INT8);
      storage("Byte", DType.UINT8);
      storage("Bool", DType.BOOL);
      for (String core : List.of("numpy.core", "numpy._core")) {
        globals.put(core + ".multiarray._reconstruct", args -> new NdArray());
        globals.put(core + ".multiarray.scalar", args -> {
          if (args.length != 2 || !(args[0] instanceof NumpyDtype d)) {
            throw new PickleException("unexpected numpy scalar arguments");
          }
          NdArray a = new NdArray();
          a.type = d.type();
          a.data = bytes(args[1], a.type);
          return a;
        });
        globals.put(core + ".numeric._frombuffer", args -> {
          if (args.length != 4 || !(args[1] instanceof NumpyDtype d)) {
            throw new PickleException("unexpected numpy _frombuffer arguments");
          }
          NdArray a = new NdArray();
          a.type = d.type();
          a.data = bytes(args[0], a.type);
          a.shape = longs(args[2], "numpy array shape");
          a.fortran = "F".equals(args[3]);
          return a;
        });
      }
      globals.put("numpy.dtype", args -> {
        if (args.length < 1 || !(args[0] instanceof String descr)) {
          throw new PickleException("unexpected numpy dtype arguments");
        }
        return new NumpyDtype(descr);
      });
      ByteArrayConstructor bytes = new ByteArrayConstructor();
      for (String name : List.of("_codecs.encode", "builtins.bytearray", "__builtin__.bytearray",
          "builtins.bytes", "__builtin__.bytes")) {
        globals.put(name, bytes);
      }
    }

    private void storage(String kind, DType dtype) {
      String name = kind + "Storage";
      globals.put("torch." + name, new StorageType(name, dtype));
    }

    private IObjectConstructor resolve(String module, String name) {
      IObjectConstructor known = globals.get(module + "." + name);
      if (known != null) {
        return known;
      }
      if (module.equals("torch") && name.endsWith("Storage")) {
        return new StorageType(name, null); // complex, quantized, float8, ...: named when a tensor uses it
      }
      String qualified = module + "." + name;
      return args -> new PyObject(qualified);
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
      switch (key) {
        case Opcodes.GLOBAL -> {
          String module = PickleUtils.readline(input);
          String name = PickleUtils.readline(input);
          stack.add(resolve(module, name));
        }
        case Opcodes.STACK_GLOBAL -> {
          Object name = stack.pop();
          Object module = stack.pop();
          if (!(name instanceof String n) || !(module instanceof String m)) {
            throw new PickleException("STACK_GLOBAL needs two strings");
          }
          stack.add(resolve(m, n));
        }
        case Opcodes.BUILD -> {
          Object state = stack.pop();
          build(stack.peek(), state);
        }
        case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
        case Opcodes.DICT -> {
          List<Object> items = stack.pop_all_since_marker();
          stack.add(putAll(new LinkedHashMap<>(), items));
        }
        case Opcodes.SETITEMS -> {
          List<Object> items = stack.pop_all_since_marker();
          if (!(stack.peek() instanceof Map<?, ?> map)) {
            throw new PickleException("SETITEMS on " + describe(stack.peek()));
          }
          putAll(map, items);
        }
        default -> {
          return super.dispatch(key);
        }
      }
      return NO_RETURN_VALUE;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> putAll(Map<?, ?> map, List<Object> items) {
      Map<Object, Object> m = (Map<Object, Object>) map;
      if (items.size() % 2 != 0) {
        throw new PickleException("odd number of dict items");
      }
      for (int i = 0; i < items.size(); i += 2) {
        m.put(items.get(i), items.get(i + 1));
      }
      return m;
    }

    private static void build(Object target, Object state) {
      if (target instanceof NdArray a) {
        a.setState(state);
      } else if (target instanceof NumpyDtype d) {
        d.setState(state);
      } else if (target instanceof PyObject || target instanceof Map || target instanceof TorchTensor) {
        // instance attributes (a state dict's _metadata, a module's fields): not needed for the tensors
      } else {
        throw new PickleException("cannot set the state of " + describe(target));
      }
    }

    @Override
    protected Object persistentLoad(Object pid) {
      if (persistent == null) {
        throw new PickleException("the pickle refers to external data (a persistent id), which this format has"
            + " not (a legacy torch.save file?)");
      }
      return persistent.apply(tuple(pid, "persistent id"));
    }
  }
}
