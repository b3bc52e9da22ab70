package dev.rethink.graph.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "a ResNet in your own graph" snippet compiles against graph/ and builds a ResNet-50 GN. */
class ReadmeGraphExampleTest {

  @Test
  void snippetBuildsAResNet50(@TempDir Path dir) throws Exception {
    String snippet = snippet();
    String source = String.join("\n",
        "import dev.rethink.dsl.backbone.ResNetSpec;",
        "import dev.rethink.dsl.norm.GroupNorm;",
        "import dev.rethink.graph.backbone.FeatureMaps;",
        "import dev.rethink.graph.backbone.ResNet;",
        "import dev.rethink.graph.core.GraphOps;",
        "import dev.rethink.graph.core.Tower;",
        "import dev.rethink.graph.core.VariableStore;",
        "import org.tensorflow.Graph;",
        "import org.tensorflow.Operand;",
        "import org.tensorflow.ndarray.Shape;",
        "import org.tensorflow.op.Ops;",
        "import org.tensorflow.op.core.Placeholder;",
        "import org.tensorflow.types.TFloat32;",
        "public class Snippet {",
        "  public static Object run() {",
        "    Object out;",
        snippet.replace("Operand<TFloat32> res5 = features.get(\"res5\");",
            "Operand<TFloat32> res5 = features.get(\"res5\"); out = res5.shape().toString();"),
        "    return out;",
        "  }",
        "}");
    Path file = dir.resolve("Snippet.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", dir.toString(),
        file.toString());
    assertEquals(0, rc, "the README snippet does not compile:\n" + source);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method run = loader.loadClass("Snippet").getMethod("run");
      // ResNet-50's res5 at 224²: 7×7×2048 (ResNet paper, Table 1).
      assertEquals("[-1, 7, 7, 2048]", run.invoke(null));
    }
  }

  private static String snippet() throws IOException {
    Matcher m = Pattern.compile("```java\\n(try \\(Graph g = new Graph\\(\\)\\) \\{.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("..", "README.md")));
    assertTrue(m.find(), "README has the graph example");
    return m.group(1);
  }
}
