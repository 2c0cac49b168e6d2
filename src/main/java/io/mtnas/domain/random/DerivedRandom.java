package io.mtnas.domain.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Counter-based randomness: every draw of a search comes from a generator built fresh from (search
 * seed, stream, purpose, sequence number), never from an object whose hidden state moves on. A
 * search whose counters are stored can therefore be rebuilt from its spec and its event log and
 * continue with exactly the draws it would have made. The key is a SplitMix64 mix of the four
 * parts; the stream and purpose names are hashed with FNV-1a over their UTF-8 bytes, which, unlike
 * {@link String#hashCode}, spreads short names over all 64 bits.
 */
public final class DerivedRandom {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private DerivedRandom() {}

  /**
   * @param stream who draws (a task's name, "arbiter/" plus a target, ...)
   * @param purpose what for, so two decisions at the same sequence number never share draws
   * @param sequence the counter the caller keeps in its state
   */
  public static RandomGenerator of(long seed, String stream, String purpose, long sequence) {
    return new SplittableRandom(key(seed, stream, purpose, sequence));
  }

  /** The 64-bit key behind {@link #of}; distinct parts give unrelated keys. */
  public static long key(long seed, String stream, String purpose, long sequence) {
    long h = mix(seed + GOLDEN_GAMMA);
    h = mix(h ^ fnv1a(stream));
    h = mix(h ^ fnv1a(purpose));
    return mix(h ^ mix(sequence + GOLDEN_GAMMA));
  }

  /** SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijection with full avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
