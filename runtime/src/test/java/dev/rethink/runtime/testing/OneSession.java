package dev.rethink.runtime.testing;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** Runs one TensorFlow session on a one-op graph and says so: what TensorFlow prints at start-up, and nothing else. */
public final class OneSession {
  private OneSession() {}

  public static void main(String[] args) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      try (Result r = s.runner().fetch(tf.math.add(tf.constant(1f), tf.constant(2f))).run()) {
        System.out.println("session ran");
      }
    }
  }
}
