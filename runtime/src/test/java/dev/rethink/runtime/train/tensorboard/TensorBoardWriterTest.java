package dev.rethink.runtime.train.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.Summary;

/** Scalars and the graph land in a TFRecord event file as TensorBoard reads it. */
class TensorBoardWriterTest {
  @TempDir
  Path tmp;

  @Test
  void writesScalarsAndTheGraph() throws Exception {
    GraphDef def;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      tf.withName("answer").math.add(tf.constant(40f), tf.constant(2f));
      def = g.toGraphDef();
    }
    try (TensorBoardWriter w = TensorBoardWriter.open(tmp.resolve("tb"))) {
      w.graph(0, def);
      Map<String, Double> line = new LinkedHashMap<>();
      line.put("loss", 2.5);
      line.put("loss/cls", 2.25);
      line.put("lr", 0.02);
      w.scalars(20, line);
      w.scalar(40, "eval/top1", 37.5);
    }
    List<Event> events = EventFiles.read(tmp.resolve("tb"));
    // The first record of an event file is its version.
    assertEquals("brain.Event:2", events.get(0).getFileVersion());
    Map<String, Float> at20 = new LinkedHashMap<>();
    GraphDef written = null;
    for (Event e : events) {
      if (e.hasGraphDef()) {
        written = GraphDef.parseFrom(e.getGraphDef());
      }
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (e.getStep() == 20) {
          at20.put(v.getTag(), v.getSimpleValue());
        } else {
          assertEquals(40, e.getStep());
          assertEquals("eval/top1", v.getTag());
          assertEquals(37.5f, v.getSimpleValue());
        }
      }
    }
    assertEquals(Map.of("loss", 2.5f, "loss/cls", 2.25f, "lr", 0.02f), at20);
    assertTrue(written != null && written.getNodeList().stream().anyMatch(n -> n.getName().equals("answer")),
        String.valueOf(written));
  }
}
