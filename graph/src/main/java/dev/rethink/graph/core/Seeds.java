package dev.rethink.graph.core;

import java.nio.charset.StandardCharsets;

/** Seeds of stateless random ops, derived from the variant seed and a name. */
public final class Seeds {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Seeds() {}

  /**
   * The two-element seed of variable {@code name}: {@code [variantSeed, FNV-1a-64(name)]}. Stable across JVMs,
   * machines and graph build orders, unlike {@link String#hashCode()} mixed with build counters.
   */
  public static long[] forVariable(long variantSeed, String name) {
    return new long[] {variantSeed, fnv1a64(name)};
  }

  /** 64-bit FNV-1a hash of the UTF-8 bytes of {@code text}. */
  public static long fnv1a64(String text) {
    long h = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }
}
