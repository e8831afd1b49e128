package dev.kiln.model.ids;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Prefixed, time-ordered identifiers: a UUIDv7 (48-bit millisecond timestamp, version and variant
 * bits, 74 random bits) written in Crockford base32, so that ids sort by creation time as strings,
 * e.g. {@code job_06F8Q3KX0E1TG8P0Q6V1S1M9ZC}.
 */
public final class Ids {

  public static final String JOB = "job";
  public static final String MEDIA = "med";
  public static final String TENANT = "ten";
  public static final String API_KEY = "key";
  public static final String WEBHOOK_ENDPOINT = "whe";
  public static final String WEBHOOK_DELIVERY = "whd";

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static Clock clock = Clock.systemUTC();

  private Ids() {}

  public static String job() {
    return next(JOB);
  }

  public static String media() {
    return next(MEDIA);
  }

  /** A new id with the given prefix ({@code prefix + "_" + 26 base32 characters}). */
  public static String next(String prefix) {
    long millis = clock.millis();
    long random = RANDOM.nextLong();
    long msb = (millis << 16) | 0x7000L | ((random >>> 52) & 0x0FFFL);
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return prefix + "_" + base32(msb, lsb);
  }

  /** True when {@code id} has the given prefix and a well-formed body. */
  public static boolean isValid(String prefix, String id) {
    if (id == null || id.length() != prefix.length() + 27 || !id.startsWith(prefix + "_")) {
      return false;
    }
    for (int i = prefix.length() + 1; i < id.length(); i++) {
      if (indexOf(id.charAt(i)) < 0) {
        return false;
      }
    }
    return indexOf(id.charAt(prefix.length() + 1)) < 8; // 128 bits fit in 26 chars: first ≤ 7
  }

  private static String base32(long msb, long lsb) {
    char[] out = new char[26];
    // 130 bits of output for 128 bits of input: the value is read as a 130-bit number with two
    // leading zero bits, five bits per character from the most significant end.
    for (int i = 25; i >= 0; i--) {
      out[i] = ALPHABET[(int) (lsb & 31)];
      lsb = (lsb >>> 5) | ((msb & 31) << 59);
      msb >>>= 5;
    }
    return new String(out);
  }

  private static int indexOf(char c) {
    for (int i = 0; i < ALPHABET.length; i++) {
      if (ALPHABET[i] == c) {
        return i;
      }
    }
    return -1;
  }

  static void useClock(Clock testClock) {
    clock = testClock;
  }
}
