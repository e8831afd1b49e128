package dev.kiln.api.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.support.Samples;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upload's multipart parser on arbitrary input, {@value #TRIES} seeded samples per property
 * ({@link Samples}): it finds the file field wherever it is and whatever bytes it holds, and
 * refuses anything else with a 4xx problem, never another failure.
 */
class MultipartFormPropertyTest {

  private static final int TRIES = 300;

  private record Body(byte[] body, String boundary) {
    @Override
    public String toString() {
      return "body " + Samples.show(body) + ", boundary " + Samples.show(boundary);
    }
  }

  @Test
  void arbitraryBytesAreAFileOrAProblemNeverACrash() {
    Samples.check(
        0x3b0d1e5L,
        TRIES,
        s -> new Body(s.bytes(512), boundary(s)),
        sample -> {
          Throwable thrown =
              catchThrowable(() -> MultipartForm.file(sample.body(), sample.boundary()));

          if (thrown != null) {
            assertThat(thrown).isInstanceOf(ApiException.class);
            assertThat(((ApiException) thrown).code().status()).isBetween(400, 499);
          }
        });
  }

  private record Fields(List<String> before, byte[] file, List<String> after, String boundary) {
    @Override
    public String toString() {
      return "before "
          + Samples.show(before)
          + ", file "
          + Samples.show(file)
          + ", after "
          + Samples.show(after)
          + ", boundary "
          + Samples.show(boundary);
    }
  }

  @Test
  void theFileFieldIsFoundAmongOtherFields() {
    Samples.check(
        0xf1e1d5L,
        TRIES,
        s ->
            new Fields(
                s.list(3, () -> s.string(20)),
                s.bytes(256),
                s.list(3, () -> s.string(20)),
                boundary(s)),
        sample -> {
          String boundary = sample.boundary();
          Samples.assume(!contains(sample.file(), "\r\n--" + boundary));
          Samples.assume(
              sample.before().stream().noneMatch(v -> v.contains("--" + boundary))
                  && sample.after().stream().noneMatch(v -> v.contains("--" + boundary)));
          ByteArrayOutputStream form = new ByteArrayOutputStream();
          sample
              .before()
              .forEach(v -> field(form, boundary, "note", v.getBytes(StandardCharsets.UTF_8)));
          field(form, boundary, "file", sample.file());
          sample
              .after()
              .forEach(v -> field(form, boundary, "other", v.getBytes(StandardCharsets.UTF_8)));
          form.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));

          assertThat(MultipartForm.file(form.toByteArray(), boundary)).isEqualTo(sample.file());
        });
  }

  @Test
  void anyContentTypeHasABoundaryOrNone() {
    Samples.check(
        0xc047e47L,
        TRIES,
        s -> s.string(255),
        contentType -> {
          String boundary = UploadReader.boundary(contentType);

          if (boundary != null) {
            assertThat(boundary).isNotEmpty().hasSizeLessThanOrEqualTo(MultipartForm.MAX_BOUNDARY);
          }
        });
  }

  /** 1 to 70 chars RFC 2046 allows in a boundary: some letters, digits, all the punctuation. */
  private static String boundary(Samples s) {
    return s.string(1, MultipartForm.MAX_BOUNDARY, "abcXYZ0123456789-_'()+,./:=?");
  }

  private static void field(
      ByteArrayOutputStream form, String boundary, String name, byte[] value) {
    form.writeBytes(
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    form.writeBytes(value);
    form.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  private static boolean contains(byte[] bytes, String text) {
    return MultipartForm.indexOf(bytes, text.getBytes(StandardCharsets.ISO_8859_1), 0) >= 0;
  }
}
