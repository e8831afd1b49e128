package dev.kiln.api.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.api.problems.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The upload's multipart parser on arbitrary input (jqwik): it finds the file field wherever it is
 * and whatever bytes it holds, and refuses anything else with a 4xx problem, never another failure.
 */
class MultipartFormPropertyTest {

  @Property(tries = 300)
  void arbitraryBytesAreAFileOrAProblemNeverACrash(
      @ForAll @Size(max = 512) byte[] body, @ForAll("boundaries") String boundary) {
    Throwable thrown = catchThrowable(() -> MultipartForm.file(body, boundary));

    if (thrown != null) {
      assertThat(thrown).isInstanceOf(ApiException.class);
      assertThat(((ApiException) thrown).code().status()).isBetween(400, 499);
    }
  }

  @Property(tries = 300)
  void theFileFieldIsFoundAmongOtherFields(
      @ForAll @Size(max = 256) byte[] file,
      @ForAll @Size(max = 3) List<@StringLength(max = 20) String> before,
      @ForAll @Size(max = 3) List<@StringLength(max = 20) String> after,
      @ForAll("boundaries") String boundary) {
    String delimiter = "\r\n--" + boundary;
    net.jqwik.api.Assume.that(!contains(file, delimiter));
    net.jqwik.api.Assume.that(
        before.stream().noneMatch(v -> v.contains("--" + boundary))
            && after.stream().noneMatch(v -> v.contains("--" + boundary)));
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    before.forEach(value -> field(form, boundary, "note", value.getBytes(StandardCharsets.UTF_8)));
    field(form, boundary, "file", file);
    after.forEach(value -> field(form, boundary, "other", value.getBytes(StandardCharsets.UTF_8)));
    form.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));

    assertThat(MultipartForm.file(form.toByteArray(), boundary)).isEqualTo(file);
  }

  @Property(tries = 300)
  void anyContentTypeHasABoundaryOrNone(@ForAll String contentType) {
    String boundary = UploadReader.boundary(contentType);

    if (boundary != null) {
      assertThat(boundary).isNotEmpty().hasSizeLessThanOrEqualTo(MultipartForm.MAX_BOUNDARY);
    }
  }

  @Provide
  Arbitrary<String> boundaries() {
    return Arbitraries.strings()
        .withChars("abcXYZ0123456789-_'()+,./:=?")
        .ofMinLength(1)
        .ofMaxLength(MultipartForm.MAX_BOUNDARY);
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
