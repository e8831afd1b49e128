package dev.kiln.api.support;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A small, deterministic generator of test samples over {@link SplittableRandom}. Each test fixes
 * its own seed, so a run draws the same samples every time; {@link #check} names the seed, the
 * sample's number and the sample itself when a property fails, so the failure can be replayed.
 * Sizes and numbers lean towards their edges (empty, the maximum, 0, the extremes), where parsers
 * tend to break.
 */
public final class Samples {

  private final long seed;
  private final SplittableRandom random;

  public Samples(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  public long seed() {
    return seed;
  }

  /**
   * Draws {@code tries} samples and checks each. A property that calls {@link #assume} with a false
   * condition skips that sample; the check fails if more than five samples in six are skipped.
   */
  public static <T> void check(
      long seed, int tries, Function<Samples, T> generate, Consumer<? super T> property) {
    Samples samples = new Samples(seed);
    int skipped = 0;
    for (int i = 1; i <= tries; i++) {
      T sample = generate.apply(samples);
      try {
        property.accept(sample);
      } catch (Skip skip) {
        skipped++;
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "sample %d of %d (seed %d) failed: %s%n  sample: %s"
                .formatted(i, tries, seed, e.getMessage(), show(sample)),
            e);
      }
    }
    if (skipped > tries * 5 / 6) {
      throw new AssertionError(
          "seed %d: %d of %d samples skipped by assume()".formatted(seed, skipped, tries));
    }
  }

  /** Skips the current sample of {@link #check} unless {@code condition} holds. */
  public static void assume(boolean condition) {
    if (!condition) {
      throw new Skip();
    }
  }

  private static final class Skip extends RuntimeException {
    Skip() {
      super(null, null, false, false);
    }
  }

  // --- Choices -----------------------------------------------------------------------------------

  @SafeVarargs
  public final <T> T oneOf(T... values) {
    return values[random.nextInt(values.length)];
  }

  /** Runs one of the generators, each as likely as the others. */
  @SafeVarargs
  public final <T> T anyOf(Supplier<? extends T>... generators) {
    return oneOf(generators).get();
  }

  /**
   * An index into {@code weights}, drawn in proportion to them: (3, 5, 2) gives 1 half the time.
   */
  public int weighted(int... weights) {
    int total = 0;
    for (int weight : weights) {
      total += weight;
    }
    int drawn = random.nextInt(total);
    for (int i = 0; ; i++) {
      drawn -= weights[i];
      if (drawn < 0) {
        return i;
      }
    }
  }

  // --- Numbers -----------------------------------------------------------------------------------

  /** Between {@code min} and {@code max}, both included; one time in five either bound. */
  public int between(int min, int max) {
    return switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      default -> (int) random.nextLong(min, (long) max + 1);
    };
  }

  public int anyInt() {
    return random.nextInt(8) == 0
        ? oneOf(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE)
        : random.nextInt();
  }

  public long anyLong() {
    return random.nextInt(8) == 0
        ? oneOf(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE)
        : random.nextLong();
  }

  /** Any finite double, over the whole range of exponents. */
  public double anyDouble() {
    if (random.nextInt(8) == 0) {
      return oneOf(0.0, -0.0, 1.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE);
    }
    double value;
    do {
      value = Double.longBitsToDouble(random.nextLong());
    } while (!Double.isFinite(value));
    return value;
  }

  public byte anyByte() {
    return (byte) random.nextInt(256);
  }

  // --- Text, bytes and lists ---------------------------------------------------------------------

  /**
   * Up to {@code maxLength} chars of any code points: printable ASCII, control chars and NUL, lone
   * surrogates, the rest of the BMP and supplementary code points (two chars each).
   */
  public String string(int maxLength) {
    int length = between(0, maxLength);
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      int codePoint =
          switch (weighted(4, 2, 1, 2, 1)) {
            case 0 -> random.nextInt(0x20, 0x7f);
            case 1 -> oneOf(0, random.nextInt(0x20), 0x7f, random.nextInt(0x80, 0xa0));
            case 2 -> random.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1);
            case 3 -> random.nextInt(0xa0, 0x10000);
            default -> random.nextInt(0x10000, Character.MAX_CODE_POINT + 1);
          };
      if (Character.charCount(codePoint) <= length - out.length()) {
        out.appendCodePoint(codePoint);
      }
    }
    return out.toString();
  }

  /** Between {@code minLength} and {@code maxLength} chars, each one of {@code alphabet}. */
  public String string(int minLength, int maxLength, String alphabet) {
    int length = between(minLength, maxLength);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  public byte[] bytes(int maxLength) {
    byte[] out = new byte[between(0, maxLength)];
    random.nextBytes(out);
    return out;
  }

  public <T> List<T> list(int maxSize, Supplier<? extends T> element) {
    int size = between(0, maxSize);
    List<T> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(element.get());
    }
    return out;
  }

  // --- Showing a sample --------------------------------------------------------------------------

  /**
   * A sample as it can be pasted back into Java: strings quoted with every char outside printable
   * ASCII escaped, byte arrays in hex, lists element by element, anything else by its toString.
   */
  public static String show(Object sample) {
    return switch (sample) {
      case null -> "null";
      case String text -> quote(text);
      case byte[] bytes -> "hex \"" + HexFormat.of().formatHex(bytes) + "\"";
      case List<?> list -> list.stream().map(Samples::show).toList().toString();
      default -> sample.toString();
    };
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append("\\u%04x".formatted((int) c));
      }
    }
    return out.append('"').toString();
  }
}
