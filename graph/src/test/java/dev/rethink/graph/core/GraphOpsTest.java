package dev.rethink.graph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** GraphOps names ops as TF Java's own scopes do (scope/Name, Name_1, ...) and keeps control dependencies. */
class GraphOpsTest {

  @Test
  void namesFollowScopesAndStayUnique() {
    try (Graph g = new Graph()) {
      Ops tf = GraphOps.create(g);
      Ops a = tf.withSubScope("a");
      assertEquals("a/Const", a.constant(1f).op().name());
      assertEquals("a/Const_1", a.constant(1f).op().name());
      assertEquals("a/x", a.withName("x").constant(1f).op().name());
      assertEquals("a/x_1", a.withName("x").constant(1f).op().name());
      assertEquals("a/b/Const", a.withSubScope("b").constant(1f).op().name());
      assertEquals("a_1/Const", tf.withSubScope("a").constant(1f).op().name(), "a re-opened scope is renamed");
      // A name taken by an op built with TF Java's own scopes is not reused.
      Ops.create(g).withName("c").constant(2f);
      assertEquals("c_1", tf.withName("c").constant(1f).op().name());
    }
  }

  @Test
  void controlDependenciesAreAdded() {
    try (Graph g = new Graph()) {
      Ops tf = GraphOps.create(g);
      Variable<TFloat32> v = tf.withName("v").variable(org.tensorflow.ndarray.Shape.scalar(), TFloat32.class);
      Op set = tf.assign(v, tf.constant(3f));
      Op after = tf.withControlDependencies(List.of(set)).withName("after").noOp();
      GraphOperation op = g.operationOrThrow("after");
      assertTrue(op.controlInputs().stream().anyMatch(c -> c.name().equals(set.op().name())));
      try (Session s = new Session(g)) {
        s.run(after);
        try (TFloat32 t = (TFloat32) s.runner().fetch(v).run().get(0)) {
          assertEquals(3f, t.getFloat());
        }
      }
    }
  }

  @Test
  void invalidNamesAreRejected() {
    try (Graph g = new Graph()) {
      Ops tf = GraphOps.create(g);
      assertThrows(IllegalArgumentException.class, () -> tf.withSubScope("a/b"));
      assertThrows(IllegalArgumentException.class, () -> tf.withName("-x"));
    }
  }
}
