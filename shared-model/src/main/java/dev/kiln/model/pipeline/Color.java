package dev.kiln.model.pipeline;

import dev.kiln.model.validation.Violations;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An sRGB colour with alpha, 0-255 per channel. Every step that takes a colour ({@code outline},
 * {@code shadow}, {@code pad}, {@code rotate}) parses it here, so all accept the same spellings:
 * {@code #rrggbb}, {@code #rrggbbaa}, the short {@code #rgb} and {@code #rgba}, or a CSS basic
 * colour name such as {@code white} or {@code transparent} (case-insensitive). Steps keep the text
 * as sent (it round-trips on the wire unchanged) and validate it with {@link #check}.
 */
public record Color(int red, int green, int blue, int alpha) {

  public static final Color WHITE = new Color(255, 255, 255, 255);
  public static final Color BLACK = new Color(0, 0, 0, 255);
  public static final Color TRANSPARENT = new Color(0, 0, 0, 0);

  /** What a client is told when a colour does not parse. */
  public static final String EXPECTED =
      "must be #rrggbb, #rrggbbaa or a colour name (e.g. white, black, transparent)";

  private static final Map<String, Color> NAMES =
      Map.ofEntries(
          Map.entry("transparent", TRANSPARENT),
          Map.entry("black", BLACK),
          Map.entry("white", WHITE),
          Map.entry("silver", rgb(0xc0c0c0)),
          Map.entry("gray", rgb(0x808080)),
          Map.entry("grey", rgb(0x808080)),
          Map.entry("maroon", rgb(0x800000)),
          Map.entry("red", rgb(0xff0000)),
          Map.entry("purple", rgb(0x800080)),
          Map.entry("fuchsia", rgb(0xff00ff)),
          Map.entry("magenta", rgb(0xff00ff)),
          Map.entry("green", rgb(0x008000)),
          Map.entry("lime", rgb(0x00ff00)),
          Map.entry("olive", rgb(0x808000)),
          Map.entry("yellow", rgb(0xffff00)),
          Map.entry("navy", rgb(0x000080)),
          Map.entry("blue", rgb(0x0000ff)),
          Map.entry("teal", rgb(0x008080)),
          Map.entry("aqua", rgb(0x00ffff)),
          Map.entry("cyan", rgb(0x00ffff)),
          Map.entry("orange", rgb(0xffa500)));

  public Color {
    if ((red | green | blue | alpha) < 0 || red > 255 || green > 255 || blue > 255 || alpha > 255) {
      throw new IllegalArgumentException("colour channels are 0-255");
    }
  }

  /** The colour a text names, or empty when it is not a colour Kiln understands. */
  public static Optional<Color> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (!value.startsWith("#")) {
      return Optional.ofNullable(NAMES.get(value));
    }
    String hex = value.substring(1);
    if (!hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return Optional.empty();
    }
    return switch (hex.length()) {
      case 3, 4 -> Optional.of(fromHex(hex.replaceAll("(.)", "$1$1")));
      case 6, 8 -> Optional.of(fromHex(hex));
      default -> Optional.empty();
    };
  }

  /**
   * The colour a validated step argument names.
   *
   * @throws IllegalArgumentException when the text is not a colour (a step that passed {@link
   *     #check} never throws)
   */
  public static Color of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a colour: " + text));
  }

  /** Records a violation of {@code field} unless {@code value} is absent or a colour. */
  public static void check(String value, String field, Violations violations) {
    violations.require(value == null || parse(value).isPresent(), field, EXPECTED);
  }

  public boolean isOpaque() {
    return alpha == 255;
  }

  /** As {@code #rrggbbaa}. */
  @Override
  public String toString() {
    return String.format("#%02x%02x%02x%02x", red, green, blue, alpha);
  }

  private static Color fromHex(String hex) {
    int red = Integer.parseInt(hex, 0, 2, 16);
    int green = Integer.parseInt(hex, 2, 4, 16);
    int blue = Integer.parseInt(hex, 4, 6, 16);
    int alpha = hex.length() == 8 ? Integer.parseInt(hex, 6, 8, 16) : 255;
    return new Color(red, green, blue, alpha);
  }

  private static Color rgb(int value) {
    return new Color((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff, 255);
  }
}
