package dev.rethink.runtime.cli;

import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.study.StudyCatalog;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** The study and profile options shared by the commands. */
final class Studies {
  static final Option PROFILE = Option.builder().longOpt("profile").hasArg().argName("NAME")
      .desc("scale to define the study at: "
          + Profile.bundled().stream().map(Profile::name).collect(Collectors.joining("|"))
          + " or a profile the study declares (default: the study's first, " + Profile.QUICK.name() + ")").get();

  private Studies() {}

  /**
   * {@code --profile}: one of the study's {@link Study#profiles()} (the bundled quick and paper, and any it
   * declares), its first by default; an unknown name is a usage error listing the available ones.
   */
  static Profile profile(CommandLine line, Study study) {
    List<Profile> available = study.profiles();
    if (available == null || available.isEmpty()) {
      throw new IllegalStateException(study.getClass().getName() + ".profiles() returned no profile");
    }
    if (!line.hasOption(PROFILE)) {
      return available.get(0);
    }
    try {
      return Profile.parse(line.getOptionValue(PROFILE), available);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--profile: " + e.getMessage().replaceFirst("^profile: ", "") + " (for study "
          + study.name() + ")", e);
    }
  }

  /** A registered study's name or a {@code .java} path. */
  static Study study(String nameOrPath) {
    return StudyCatalog.load().resolve(nameOrPath);
  }

  /**
   * The study's spec at the profile; a broken spec rule or an exception in the study's {@code define} surfaces as a
   * {@link dev.rethink.runtime.study.StudyDefinitionException} naming its source line, the variant and the field.
   */
  static StudySpec define(Study study, Profile profile) {
    return StudyCatalog.define(study, profile);
  }
}
