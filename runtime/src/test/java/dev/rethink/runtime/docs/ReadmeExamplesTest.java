package dev.rethink.runtime.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.Json;
import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.study.JavaStudyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example study compiles through the `.java` study path and defines what the README says. */
class ReadmeExamplesTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void exampleStudyCompilesAndDefinesItsVariants(@TempDir Path dir) throws IOException {
    String java = javaBlocks().stream().filter(b -> b.contains("implements Study")).findFirst().orElseThrow();
    Matcher name = Pattern.compile("public final class (\\w+) implements Study").matcher(java);
    assertTrue(name.find(), java);
    Path source = dir.resolve(name.group(1) + ".java");
    Files.writeString(source, java);

    Study study = new JavaStudyLoader().load(source);
    for (Profile p : Profile.bundled()) {
      StudySpec spec = study.define(p);
      assertEquals(List.of("gn", "bn", "gn-finetuned"), spec.variants().stream().map(VariantSpec::name).toList());
      assertEquals(new FromVariant("gn"), spec.variant("gn-finetuned").orElseThrow().init().weights());
      assertEquals(spec, Json.read(Json.write(spec), StudySpec.class));
      // "the paper's 2x at this scale"
      assertEquals(2 * p.scale().iterations1x(), spec.variant("gn").orElseThrow().schedule().iterations());
    }
    // The README's --variant example runs the source variant first.
    assertEquals(List.of("gn", "gn-finetuned"), study.define(Profile.QUICK).select(List.of("gn-finetuned"))
        .executionOrder().stream().map(VariantSpec::name).toList());
  }

  @Test
  void readmeHasExactlyTheTwoSetUpCommands() throws IOException {
    String readme = Files.readString(README);
    int setUp = readme.indexOf("## Set-up on a fresh machine");
    String block = readme.substring(readme.indexOf("```bash", setUp), readme.indexOf("```\n", readme.indexOf("```bash", setUp) + 7));
    List<String> commands = block.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.replaceAll("\\s+#.*", ""))
        .toList();
    assertEquals(List.of("./rethink run PretrainVsScratchClassification", "mvn -B verify"), commands);
    assertTrue(Files.readString(Path.of("..", ".ci", "run")).lines().anyMatch(l -> l.strip().equals("mvn -B verify")),
        ".ci/run runs the README's test command");
  }

  private static List<String> javaBlocks() throws IOException {
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
    List<String> blocks = new java.util.ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }
}
