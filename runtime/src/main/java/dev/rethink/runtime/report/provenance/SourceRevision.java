package dev.rethink.runtime.report.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The revision of the code that ran, read from the git repository around it.
 *
 * @param commit the 40-hex commit id, or {@value #UNKNOWN} outside a repository
 * @param branch the checked-out branch, null when detached or unknown
 * @param dirty whether tracked files differ from the commit; null when {@code git} is not installed
 * @param repository the repository's work tree, null when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceRevision(String commit, String branch, Boolean dirty, String repository) {
  /** The commit of code that is not in a git repository (e.g. an installed jar). */
  public static final String UNKNOWN = "unknown";

  /** The revision of the repository holding this class's code (its classes folder or jar), else of the working
   * directory. */
  public static SourceRevision ofRunningCode() {
    try {
      Path code = Path.of(SourceRevision.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      SourceRevision r = of(code);
      return r.commit().equals(UNKNOWN) ? of(Path.of("").toAbsolutePath()) : r;
    } catch (URISyntaxException | SecurityException | NullPointerException | IllegalArgumentException e) {
      return of(Path.of("").toAbsolutePath());
    }
  }

  /**
   * The revision of the repository containing {@code start}: {@code .git/HEAD} and the refs are read directly
   * (a linked work tree's {@code .git} file and {@code commondir} included, packed refs too), so no {@code git}
   * binary is needed; only {@code dirty} asks {@code git status} when it is installed.
   */
  public static SourceRevision of(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path dotGit = dir.resolve(".git");
      if (Files.exists(dotGit)) {
        try {
          return read(dir, dotGit);
        } catch (IOException e) {
          return new SourceRevision(UNKNOWN, null, null, dir.toString());
        }
      }
    }
    return new SourceRevision(UNKNOWN, null, null, null);
  }

  private static SourceRevision read(Path workTree, Path dotGit) throws IOException {
    Path gitDir = dotGit;
    if (Files.isRegularFile(dotGit)) {
      String line = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
      if (!line.startsWith("gitdir:")) {
        throw new IOException(dotGit + ": not a gitdir file");
      }
      gitDir = workTree.resolve(line.substring("gitdir:".length()).strip()).normalize();
    }
    Path commonFile = gitDir.resolve("commondir");
    Path common = Files.isRegularFile(commonFile)
        ? gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize() : gitDir;
    String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).strip();
    String commit;
    String branch = null;
    if (head.startsWith("ref:")) {
      String ref = head.substring("ref:".length()).strip();
      branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
      commit = resolve(gitDir, ref).or(() -> resolveQuietly(common, ref)).orElse(UNKNOWN);
    } else {
      commit = head;
    }
    return new SourceRevision(commit, branch, dirty(workTree), workTree.toString());
  }

  private static Optional<String> resolveQuietly(Path gitDir, String ref) {
    try {
      return resolve(gitDir, ref);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> resolve(Path gitDir, String ref) throws IOException {
    Path loose = gitDir.resolve(ref);
    if (Files.isRegularFile(loose)) {
      return Optional.of(Files.readString(loose, StandardCharsets.UTF_8).strip());
    }
    Path packed = gitDir.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
        String[] parts = line.strip().split(" ");
        if (parts.length == 2 && parts[1].equals(ref)) {
          return Optional.of(parts[0]);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code git status --porcelain --untracked-files=no} is non-empty; null if git cannot tell. */
  private static Boolean dirty(Path workTree) {
    try {
      Process p = new ProcessBuilder("git", "-C", workTree.toString(), "status", "--porcelain",
          "--untracked-files=no").redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return !new String(out, StandardCharsets.UTF_8).isBlank();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
