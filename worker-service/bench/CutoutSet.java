import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Builds the cut-out evaluation set from an extracted Debian tree (see cutout-set.sh, which runs
 * this with {@code java CutoutSet.java ROOT OUT}): photographic objects with a real alpha channel
 * (Tux Paint stamps) composited onto photographic backgrounds (Plasma and MATE wallpapers), four
 * kinds of background, three composites per object at different sizes and places. Writes {@code
 * OUT/images/NAME.jpg} (JPEG q92), {@code OUT/masks/NAME.png} (the object's alpha: the ground
 * truth; shadows are background) and {@code OUT/set.tsv}. Plain Java 2D, no dependencies;
 * deterministic (fixed seed), so the same packages give the same set.
 */
public final class CutoutSet {

  private static final String STAMPS = "usr/share/tuxpaint/stamps/";
  private static final String PLASMA = "usr/share/wallpapers/";
  private static final String MATE = "usr/share/backgrounds/mate/nature/";

  /** Short name (no '-') and stamp file of every object. */
  private static final String[][] OBJECTS = {
    {"firetruck", "vehicles/emergency/firetruck.png"},
    {"f22", "military/vehicles/f22_raptor.png"},
    {"anemone", "plants/flowers/anemone_red.png"},
    {"cementmixer", "household/tools/cementmixer.png"},
    {"tractorwheel", "vehicles/wheel_tractor.png"},
    {"lightbulb", "household/Lightbulb.png"},
    {"strawberry", "food/fruit/Strawberry2.png"},
    {"balloon", "vehicles/flight/balloon360.png"},
    {"inukshuk", "town/monuments/inukshuk-photo.png"},
    {"tiger", "animals/mammals/cats/tiger_sumatran.png"},
    {"blackbuck", "animals/mammals/bovines/indian_blackbuck.png"},
    {"guineafowl", "animals/birds/helmeted_guineafowl.png"},
    {"daffodil", "plants/flowers/daffodil.png"},
    {"fireman", "people/fireman200b.png"},
    {"ginger", "food/spices/ginger.png"},
    {"cherimoya", "food/fruit/cherimoya.png"},
    {"cherries", "food/fruit/Cherry_Stella.png"},
    {"mantis", "animals/insects/mantis.png"},
    {"woodlouse", "animals/insects/Woodlouse.png"},
    {"rhino", "animals/mammals/rhino_black.png"},
    {"flamingo", "animals/birds/pink_flamingo.png"},
    {"turkey", "seasonal/christmas/Roast_turkey.png"},
    {"woodtoy", "seasonal/christmas/German_Christmas_toy.png"},
    {"lobster", "animals/fish/lobster.png"},
  };

  /** Photographs with texture everywhere, used sharp (and blurred). */
  private static final String[] TEXTURED = {
    PLASMA + "BytheWater/contents/images/1920x1200.jpg",
    PLASMA + "Grey/contents/images/1920x1200.jpg",
    PLASMA + "ColorfulCups/contents/images/2560x1600.jpg",
    PLASMA + "EveningGlow/contents/images/1920x1200.jpg",
    PLASMA + "FallenLeaf/contents/images/1920x1200.jpg",
    PLASMA + "OneStandsOut/contents/images/1920x1200.jpg",
    PLASMA + "Path/contents/images/1920x1200.jpg",
    MATE + "Dune.jpg",
    MATE + "GreenMeadow.jpg",
    MATE + "Wood.jpg",
    MATE + "Storm.jpg",
    MATE + "RainDrops.jpg",
    MATE + "Blinds.jpg",
    MATE + "Aqua.jpg",
  };

  /** Photographs with a subject of their own: only used blurred (depth of field). */
  private static final String[] BLURRED_ONLY = {
    PLASMA + "Kite/contents/images/1920x1200.jpg",
    MATE + "Garden.jpg",
    MATE + "FreshFlower.jpg",
    MATE + "YellowFlower.jpg",
    MATE + "LadyBird.jpg",
    MATE + "TwoWings.jpg",
  };

  /** Table tops for the two-tone and shadow scenes. */
  private static final String[] SURFACES = {MATE + "Wood.jpg", MATE + "Dune.jpg"};

  private static final String[] KINDS = {"textured", "twotone", "blurred", "shadow"};

  private static final int[][] CANVASES = {
    {1600, 1067}, {1440, 1080}, {1200, 1500}, {1500, 1000}, {1280, 1280}, {1080, 1440}
  };

  /** An object is never scaled up by more than this (the stamps are 200-800 px). */
  private static final double MAX_UPSCALE = 2.0;

  private final Path root;
  private final Random random = new Random(20250612L);

  private CutoutSet(Path root) {
    this.root = root;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java CutoutSet.java DEBIAN_ROOT OUT_DIR");
      System.exit(2);
    }
    new CutoutSet(Path.of(args[0])).build(Path.of(args[1]));
  }

  private void build(Path out) throws IOException {
    Files.createDirectories(out.resolve("images"));
    Files.createDirectories(out.resolve("masks"));
    try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(out.resolve("set.tsv")))) {
      tsv.println("name\tkind\tobject\tbackground\twidth\theight\tobject_share");
      for (int i = 0; i < OBJECTS.length; i++) {
        BufferedImage object = read(STAMPS + OBJECTS[i][1]);
        for (int variant = 0; variant < 3; variant++) {
          String kind = KINDS[(i + variant) % KINDS.length];
          String name = kind + "-" + OBJECTS[i][0] + "-" + (variant + 1);
          Scene scene = compose(kind, object);
          writeJpeg(scene.image, out.resolve("images/" + name + ".jpg"));
          ImageIO.write(scene.mask, "png", out.resolve("masks/" + name + ".png").toFile());
          tsv.printf(
              Locale.ROOT,
              "%s\t%s\t%s\t%s\t%d\t%d\t%.3f%n",
              name,
              kind,
              OBJECTS[i][1],
              scene.background,
              scene.image.getWidth(),
              scene.image.getHeight(),
              scene.objectShare);
          System.out.println(name);
        }
      }
    }
  }

  private record Scene(
      BufferedImage image, BufferedImage mask, String background, double objectShare) {}

  private Scene compose(String kind, BufferedImage object) throws IOException {
    int[] canvas = CANVASES[random.nextInt(CANVASES.length)];
    int w = canvas[0];
    int h = canvas[1];
    // Object size and place: its long side 40-85 % of the canvas's short side, never scaled up
    // past MAX_UPSCALE; anywhere inside, or standing on the table in the two-tone and shadow
    // scenes.
    double scale =
        Math.min(
            MAX_UPSCALE,
            Math.min(w, h)
                * (0.40 + 0.45 * random.nextDouble())
                / Math.max(object.getWidth(), object.getHeight()));
    int ow = (int) Math.round(object.getWidth() * scale);
    int oh = (int) Math.round(object.getHeight() * scale);
    int margin = Math.min(w, h) / 40;
    int ox = margin + random.nextInt(Math.max(1, w - ow - 2 * margin));
    int oy = margin + random.nextInt(Math.max(1, h - oh - 2 * margin));
    float[][] background;
    String source;
    switch (kind) {
      case "textured" -> {
        source = TEXTURED[random.nextInt(TEXTURED.length)];
        background = cover(read(source), w, h);
      }
      case "blurred" -> {
        int n = random.nextInt(TEXTURED.length + BLURRED_ONLY.length);
        source = n < TEXTURED.length ? TEXTURED[n] : BLURRED_ONLY[n - TEXTURED.length];
        background = cover(read(source), w, h);
        double sigma = Math.min(w, h) * (0.008 + 0.012 * random.nextDouble());
        for (float[] plane : background) {
          blur(plane, w, h, sigma);
        }
        source += String.format(Locale.ROOT, " (blurred, sigma %.0f px)", sigma);
      }
      case "twotone" -> {
        int horizon = (int) (h * (0.45 + 0.25 * random.nextDouble()));
        oy = Math.min(h - oh - margin, Math.max(margin, horizon - oh / 2));
        background = wall(w, h);
        if (random.nextBoolean()) {
          source = SURFACES[random.nextInt(SURFACES.length)];
          paste(background, cover(read(source), w, h), w, horizon);
          source = "wall over " + source;
        } else {
          paste(background, wall(w, h), w, horizon);
          source = "wall over plain table";
        }
      }
      default -> {
        background = studio(w, h);
        source = "studio sweep";
        oy = Math.min(h - oh - margin, oy + (h - oh - margin - oy) / 2);
      }
    }
    BufferedImage layer = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = layer.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(object, ox, oy, ow, oh, null);
    g.dispose();
    int[] argb = layer.getRGB(0, 0, w, h, null, 0, w); // not premultiplied
    float[] alpha = new float[w * h];
    for (int p = 0; p < alpha.length; p++) {
      alpha[p] = (argb[p] >>> 24) / 255f;
    }
    if (kind.equals("shadow")) {
      double size = Math.max(ow, oh);
      dropShadow(
          background,
          alpha,
          w,
          h,
          (int) Math.round(size * (0.02 + 0.04 * random.nextDouble())),
          (int) Math.round(size * (0.03 + 0.05 * random.nextDouble())),
          size * (0.015 + 0.025 * random.nextDouble()),
          0.45f + 0.25f * random.nextFloat());
    }
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] maskBytes = ((java.awt.image.DataBufferByte) mask.getRaster().getDataBuffer()).getData();
    int[] pixels = new int[w * h];
    long inside = 0;
    for (int p = 0; p < pixels.length; p++) {
      float a = alpha[p];
      int rgb = 0;
      for (int c = 0; c < 3; c++) {
        float o = (argb[p] >> (16 - 8 * c)) & 0xFF;
        float v = background[c][p] * (1 - a) + o * a + (float) random.nextGaussian() * 1.5f;
        rgb = (rgb << 8) | Math.min(255, Math.max(0, Math.round(v)));
      }
      pixels[p] = rgb;
      maskBytes[p] = (byte) Math.round(a * 255);
      inside += a >= 0.5f ? 1 : 0;
    }
    image.setRGB(0, 0, w, h, pixels, 0, w);
    return new Scene(image, mask, source, inside / (double) (w * h));
  }

  /** {@code photo} scaled to cover w × h (1-1.4 times that), a random crop of it, as planes. */
  private float[][] cover(BufferedImage photo, int w, int h) {
    double scale =
        Math.max(w / (double) photo.getWidth(), h / (double) photo.getHeight())
            * (1.0 + 0.4 * random.nextDouble());
    int sw = (int) Math.ceil(photo.getWidth() * scale);
    int sh = (int) Math.ceil(photo.getHeight() * scale);
    int x = random.nextInt(Math.max(1, sw - w));
    int y = random.nextInt(Math.max(1, sh - h));
    BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = crop.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(photo, -x, -y, sw, sh, null);
    g.dispose();
    return planes(crop);
  }

  /** A painted wall: one muted colour, lit unevenly (a soft gradient), as planes. */
  private float[][] wall(int w, int h) {
    float hue = random.nextFloat();
    float saturation = 0.1f + 0.4f * random.nextFloat();
    float brightness = 0.35f + 0.55f * random.nextFloat();
    return gradient(w, h, new Color(Color.HSBtoRGB(hue, saturation, brightness)), 0.18f);
  }

  /** A studio sweep: a light, slightly tinted backdrop, brighter in the middle. */
  private float[][] studio(int w, int h) {
    float hue = random.nextFloat();
    return gradient(
        w,
        h,
        new Color(
            Color.HSBtoRGB(
                hue, 0.04f + 0.12f * random.nextFloat(), 0.80f + 0.15f * random.nextFloat())),
        0.12f);
  }

  /** {@code base} darkened by up to {@code falloff} away from a random light centre. */
  private float[][] gradient(int w, int h, Color base, float falloff) {
    float[][] planes = new float[3][w * h];
    double cx = w * random.nextDouble();
    double cy = h * (0.2 + 0.4 * random.nextDouble());
    double reach = Math.hypot(w, h);
    int[] rgb = {base.getRed(), base.getGreen(), base.getBlue()};
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float light = 1 - falloff * (float) (Math.hypot(x - cx, y - cy) / reach);
        for (int c = 0; c < 3; c++) {
          planes[c][y * w + x] = rgb[c] * light;
        }
      }
    }
    return planes;
  }

  /** Rows from {@code top} down of {@code into} replaced by {@code from}, over a 3-px seam. */
  private static void paste(float[][] into, float[][] from, int w, int top) {
    int h = into[0].length / w;
    for (int y = Math.max(0, top - 1); y < h; y++) {
      float t = Math.min(1f, (y - top + 2) / 3f);
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        for (int c = 0; c < 3; c++) {
          into[c][p] = into[c][p] * (1 - t) + from[c][p] * t;
        }
      }
    }
  }

  /** Darkens the background under the object's alpha, shifted and blurred. */
  private static void dropShadow(
      float[][] background, float[] alpha, int w, int h, int dx, int dy, double sigma, float dark) {
    float[] shadow = new float[w * h];
    for (int y = 0; y < h; y++) {
      int sy = y - dy;
      for (int x = 0; x < w; x++) {
        int sx = x - dx;
        if (sx >= 0 && sy >= 0 && sx < w && sy < h) {
          shadow[y * w + x] = alpha[sy * w + sx];
        }
      }
    }
    blur(shadow, w, h, sigma);
    for (int p = 0; p < shadow.length; p++) {
      float keep = 1 - dark * shadow[p];
      for (int c = 0; c < 3; c++) {
        background[c][p] *= keep;
      }
    }
  }

  /** A Gaussian blur of one plane, approximated by three box blurs each way. */
  private static void blur(float[] plane, int w, int h, double sigma) {
    if (sigma < 0.5) {
      return;
    }
    int radius = (int) Math.round((Math.sqrt(12 * sigma * sigma / 3 + 1) - 1) / 2);
    float[] line = new float[Math.max(w, h)];
    for (int pass = 0; pass < 3; pass++) {
      for (int y = 0; y < h; y++) {
        box(plane, y * w, 1, w, radius, line);
      }
      for (int x = 0; x < w; x++) {
        box(plane, x, w, h, radius, line);
      }
    }
  }

  /** A box blur of {@code n} values from {@code start}, {@code stride} apart; edges clamped. */
  private static void box(float[] data, int start, int stride, int n, int radius, float[] line) {
    for (int i = 0; i < n; i++) {
      line[i] = data[start + i * stride];
    }
    float sum = 0;
    for (int i = -radius; i <= radius; i++) {
      sum += line[Math.min(n - 1, Math.max(0, i))];
    }
    float width = 2 * radius + 1;
    for (int i = 0; i < n; i++) {
      data[start + i * stride] = sum / width;
      sum += line[Math.min(n - 1, i + radius + 1)] - line[Math.max(0, i - radius)];
    }
  }

  private static float[][] planes(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    float[][] planes = new float[3][w * h];
    for (int p = 0; p < rgb.length; p++) {
      planes[0][p] = (rgb[p] >> 16) & 0xFF;
      planes[1][p] = (rgb[p] >> 8) & 0xFF;
      planes[2][p] = rgb[p] & 0xFF;
    }
    return planes;
  }

  private BufferedImage read(String file) throws IOException {
    BufferedImage image = ImageIO.read(root.resolve(file).toFile());
    if (image == null) {
      throw new IOException("not an image: " + root.resolve(file));
    }
    return image;
  }

  private static void writeJpeg(BufferedImage image, Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.92f);
    Files.deleteIfExists(file);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
