package dev.rethink.runtime.cli;

import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.study.StudyCatalog;
import dev.rethink.runtime.study.StudyDefinitionException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** The study and profile options shared by the commands. */
final class Studies {
  static final Option PROFILE = Option.builder().longOpt("profile").hasArg().argName("NAME")
      .desc("scale to define the study at: "
          + Arrays.stream(Profile.values()).map(Profile::cliName).collect(Collectors.joining("|"))
          + " (default " + Profile.QUICK.cliName() + ")").get();

  private Studies() {}

  /** {@code --profile}, quick by default. */
  static Profile profile(CommandLine line) {
    String name = line.getOptionValue(PROFILE, Profile.QUICK.cliName());
    try {
      return Profile.parse(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /**
   * The spec of a registered study's name or a {@code .java} path at the profile; a broken spec rule or an
   * exception in the study's {@code define} surfaces as a {@link StudyDefinitionException} naming its source line.
   */
  static StudySpec define(String nameOrPath, Profile profile) {
    return StudyCatalog.load().define(nameOrPath, profile);
  }
}
