package dev.rethink.runtime.report.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.testing.TinyTransferStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.TensorFlow;

/** The provenance record gives back the spec it was written from, and says where the code came from. */
class ProvenanceTest {
  @TempDir
  Path tmp;

  @Test
  void theSpecRebuiltFromTheRecordEqualsTheOriginal() {
    StudySpec spec = new TinyTransferStudy().define(Profile.QUICK).withSeed(41);
    Provenance p = Provenance.starting(spec, null, new Provenance.DeviceRecord("cpu", 2, 1), Map.of(),
        List.of("run", "TinyTransfer", "--seed", "41"));
    Path file = tmp.resolve(Provenance.FILE);
    p.write(file);
    Provenance read = Provenance.read(file);
    assertEquals(spec, read.spec());
    assertEquals(Map.of("pretrain", 41L, "finetune", 41L), read.seeds());
    assertEquals(List.of("pretrain", "finetune"), List.copyOf(read.seeds().keySet()));
    assertEquals(TensorFlow.version(), read.platform().tensorflow());
    assertEquals(System.getProperty("java.version"), read.platform().java());
    Provenance.ProcessRecord process = read.processes().get(0);
    assertEquals(ProcessHandle.current().pid(), process.pid());
    assertEquals("running", process.outcome());
    assertNull(process.ended());

    // A resume appends a process; the first one keeps its record.
    Provenance resumed = Provenance.starting(spec, read.ended("interrupted"), read.device(), Map.of(), List.of());
    assertEquals(2, resumed.processes().size());
    assertEquals("interrupted", resumed.processes().get(0).outcome());
    assertEquals(spec, resumed.spec());
  }

  @Test
  void theVariantSpecRebuiltFromItsRecordEqualsTheOriginal() {
    StudySpec spec = new TinyTransferStudy().define(Profile.QUICK);
    var finetune = spec.variants().get(0);
    VariantProvenance p = VariantProvenance.starting(finetune, null, "variants/pretrain/checkpoint/x", null, 0)
        .ended(20, "completed");
    Path file = tmp.resolve("v.json");
    p.write(file);
    VariantProvenance read = VariantProvenance.read(file);
    assertEquals(finetune, read.spec());
    assertEquals(List.of(20L), read.segments().stream().map(VariantProvenance.Segment::toStep).toList());
  }

  @Test
  void readsTheCommitOfALinkedWorkTreeWithPackedRefsWithoutGit() throws Exception {
    // The layout `git worktree add` makes: <main>/.git/worktrees/wt/{HEAD,commondir}, <wt>/.git = "gitdir: ...".
    Path main = tmp.resolve("main");
    Path common = main.resolve(".git");
    Path wtGit = common.resolve("worktrees").resolve("wt");
    Files.createDirectories(wtGit);
    Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/feature\n");
    Files.writeString(wtGit.resolve("commondir"), "../..\n");
    Files.writeString(common.resolve("packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
        + "1111111111111111111111111111111111111111 refs/heads/main\n"
        + "2222222222222222222222222222222222222222 refs/heads/feature\n");
    Path wt = tmp.resolve("wt");
    Files.createDirectories(wt.resolve("runtime").resolve("target"));
    Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
    SourceRevision r = SourceRevision.of(wt.resolve("runtime").resolve("target"));
    assertEquals("2222222222222222222222222222222222222222", r.commit());
    assertEquals("feature", r.branch());
    assertEquals(wt.toString(), r.repository());

    // A loose ref wins over the packed one; a detached HEAD is the commit itself.
    Files.createDirectories(common.resolve("refs").resolve("heads"));
    Files.writeString(common.resolve("refs").resolve("heads").resolve("feature"),
        "3333333333333333333333333333333333333333\n");
    assertEquals("3333333333333333333333333333333333333333", SourceRevision.of(wt).commit());
    Files.writeString(wtGit.resolve("HEAD"), "4444444444444444444444444444444444444444\n");
    assertEquals("4444444444444444444444444444444444444444", SourceRevision.of(wt).commit());
    assertNull(SourceRevision.of(wt).branch());

    // Outside a repository.
    Path elsewhere = Files.createDirectories(tmp.resolve("nowhere"));
    assertEquals(SourceRevision.UNKNOWN, outsideAnyRepository(elsewhere).commit());
  }

  /** The tmp folder may itself sit inside a repository; then this test has nothing to check there. */
  private static SourceRevision outsideAnyRepository(Path dir) {
    SourceRevision r = SourceRevision.of(dir);
    if (r.repository() != null) {
      return new SourceRevision(SourceRevision.UNKNOWN, null, null, null);
    }
    return r;
  }

  @Test
  void theRunningCodesCommitIsTheOneGitReports() throws Exception {
    SourceRevision r = SourceRevision.ofRunningCode();
    Process git;
    try {
      git = new ProcessBuilder("git", "-C", r.repository() == null ? "." : r.repository(), "rev-parse", "HEAD")
          .redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      return; // no git on this machine: nothing independent to compare with
    }
    String out = new String(git.getInputStream().readAllBytes()).strip();
    if (git.waitFor() == 0) {
      assertEquals(out, r.commit());
      assertTrue(r.dirty() != null);
    }
  }
}
