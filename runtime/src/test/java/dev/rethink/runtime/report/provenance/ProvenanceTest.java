package dev.rethink.runtime.report.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.report.RunScopedOptions;
import dev.rethink.runtime.testing.TinyTransferStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
    RunScopedOptions options = new RunScopedOptions(50, 0, 3, 20, 41L);
    Provenance p = Provenance.starting(spec, null, new Provenance.DeviceRecord("cpu", 2, 1), Map.of(),
        List.of("run", "TinyTransfer", "--seed", "41"), options);
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
    assertEquals(options, process.options());

    // A resume appends a process with the options it runs with; the first one keeps its record.
    RunScopedOptions overridden = new RunScopedOptions(50, 0, 5, 20, 41L);
    Provenance resumed = Provenance.starting(spec, read.ended("interrupted"), read.device(), Map.of(), List.of(),
        overridden);
    assertEquals(2, resumed.processes().size());
    assertEquals("interrupted", resumed.processes().get(0).outcome());
    assertEquals(List.of(options, overridden), resumed.processes().stream().map(Provenance.ProcessRecord::options)
        .toList());
    assertEquals(spec, resumed.spec());
  }

  @Test
  void aProcessFoundStillRunningByTheNextOneIsRecordedAsKilled() {
    StudySpec spec = new TinyTransferStudy().define(Profile.QUICK);
    // A process that was SIGKILLed never wrote its end: its record says "running".
    RunScopedOptions options = new RunScopedOptions(5000, 15, 3, 20, null);
    Provenance killed = Provenance.starting(spec, null, new Provenance.DeviceRecord("cpu", 2, 1), Map.of(),
        List.of("run"), options);
    Provenance next = Provenance.starting(spec, killed, killed.device(), Map.of(), List.of("run"), options);
    assertEquals(List.of("killed", "running"), next.processes().stream().map(Provenance.ProcessRecord::outcome)
        .toList());
    assertNull(next.processes().get(0).ended());
  }

  @Test
  void aKilledSegmentReachesItsLastCheckpoint() {
    var pretrain = new TinyTransferStudy().define(Profile.QUICK).variants().get(0);
    Instant started = Instant.parse("2026-01-01T10:00:00Z");
    VariantProvenance.Segment first = new VariantProvenance.Segment(101, 0, 20L, "2026-01-01T09:00:00Z",
        "2026-01-01T09:30:00Z", "interrupted");
    VariantProvenance.Segment running = new VariantProvenance.Segment(102, 20, null, started.toString(), null,
        "running");
    VariantProvenance p = new VariantProvenance(VariantProvenance.starting(pretrain, null, null, null, 0).variant(),
        3, null, null, List.of(first, running));
    assertTrue(p.running());

    // It resumed from 20 and checkpointed 30 and 40 before it died: its work survives up to 40.
    Instant at40 = started.plusSeconds(95);
    VariantProvenance.Segment k = p.killed(40L, at40).segments().get(1);
    assertEquals(new VariantProvenance.Segment(102, 20, 40L, started.toString(), "2026-01-01T10:01:35Z", "killed"),
        k);
    // It died before its first checkpoint: the newest is the one it resumed from, written by the earlier process.
    k = p.killed(20L, Instant.parse("2026-01-01T09:30:00Z")).segments().get(1);
    assertEquals(new VariantProvenance.Segment(102, 20, 20L, started.toString(), null, "killed"), k);
    // The first segment is untouched, and a segment that ended is not rewritten.
    assertEquals(first, p.killed(40L, at40).segments().get(0));
    VariantProvenance ended = p.ended(60, "completed");
    assertEquals(ended, ended.killed(40L, at40));
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
