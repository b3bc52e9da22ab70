package dev.rethink.runtime.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * Numeric option values. A value that is not a number, or out of range, is a usage error that names the option,
 * the value and what it must be ({@code --seed must be an integer, was 'abc'}), never the parser's own words.
 */
final class OptionValues {
  private OptionValues() {}

  /** The option's integer value, at least {@code min}; {@code defaultValue} when absent. */
  static int integer(CommandLine line, Option option, int defaultValue, int min) {
    if (!line.hasOption(option)) {
      return defaultValue;
    }
    String value = line.getOptionValue(option);
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name(option) + " must be an integer >= " + min + ", was '" + value + "'", e);
    }
    if (n < min) {
      throw new UsageException(name(option) + " must be >= " + min + ", was " + n);
    }
    return n;
  }

  /** The option's 64-bit integer value (a seed: any value), or null when absent. */
  static Long anyLong(CommandLine line, Option option) {
    if (!line.hasOption(option)) {
      return null;
    }
    String value = line.getOptionValue(option);
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name(option) + " must be an integer (64-bit, e.g. " + name(option) + " 42), was '"
          + value + "'", e);
    }
  }

  private static String name(Option option) {
    return "--" + option.getLongOpt();
  }
}
