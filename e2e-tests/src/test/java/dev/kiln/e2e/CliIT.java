package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.image.ImageFormat;
import dev.kiln.model.image.ImageInfo;
import dev.kiln.model.image.ImageProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kilnctl}, the packaged command line, run as a process against the packaged services on
 * real infrastructure: what it prints, the files it writes and its exit codes.
 */
class CliIT {

  private static final Path ROOT = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath();
  private static final Path JAR = ROOT.resolve("kiln-cli/target/kiln-cli-0.1.0-SNAPSHOT.jar");
  private static final Path SAMPLE = ROOT.resolve("docs/examples/sample.jpg");
  private static final Pattern JOB_ID = Pattern.compile("Submitted (job_\\w+)");

  private static KilnStack stack;
  private static Path home;

  /** What a run printed and how it ended. */
  record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void start() throws IOException {
    stack = new KilnStack();
    stack.startServices(1);
    home = Files.createTempDirectory("kilnctl");
  }

  @AfterAll
  static void stop() throws IOException {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void submitWaitsWithProgressAndWritesTheStickerThenJobsGetPrintsItsJson() throws Exception {
    Path sticker = home.resolve("sticker.webp");

    Run submit =
        kilnctl(
            apiEnv(),
            "submit",
            SAMPLE.toString(),
            "--preset",
            "sticker",
            "--wait",
            "-o",
            sticker.toString());

    assertThat(submit.exitCode()).as(submit.err()).isZero();
    assertThat(submit.err()).contains("Uploaded ").contains(" 0% queued").contains("100% ");
    assertThat(submit.out()).contains(" completed in ").contains("Saved " + sticker);
    byte[] webp = Files.readAllBytes(sticker);
    assertThat(ImageProbe.probe(webp)).contains(new ImageInfo(ImageFormat.WEBP, 512, 512));

    Matcher id = JOB_ID.matcher(submit.err());
    assertThat(id.find()).as(submit.err()).isTrue();
    Path config = home.resolve("config.properties");
    Files.writeString(config, "url=" + stack.api() + "\napi_key=" + KilnStack.API_KEY + "\n");
    Run get =
        kilnctl(Map.of("KILN_CONFIG", config.toString()), "--json", "jobs", "get", id.group(1));

    assertThat(get.exitCode()).as(get.err()).isZero();
    JsonNode job = new ObjectMapper().readTree(get.out());
    assertThat(job.path("id").asText()).isEqualTo(id.group(1));
    assertThat(job.path("status").asText()).isEqualTo("completed");
    assertThat(job.path("result").path("mime_type").asText()).isEqualTo("image/webp");
  }

  @Test
  void badInputEndsWithTheProblemsMessageAndItsExitCode() throws Exception {
    Run typo =
        kilnctl(apiEnv(), "submit", SAMPLE.toString(), "--step", "resize:widht=10,height=10");
    assertThat(typo.exitCode()).isEqualTo(3);
    assertThat(typo.err())
        .contains("Error 422 validation_failed")
        .contains("pipeline[0].widht: unknown field 'widht'");

    Run missing = kilnctl(apiEnv(), "jobs", "get", "job_0000000000000000000000000");
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err()).contains("Error 404");

    Run usage = kilnctl(apiEnv(), "submit", SAMPLE.toString());
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("--preset");

    Run unreachable =
        kilnctl(
            Map.of("KILN_URL", "http://127.0.0.1:9", "KILN_API_KEY", "kiln_sk_x"), "jobs", "ls");
    assertThat(unreachable.exitCode()).isEqualTo(4);
    assertThat(unreachable.err()).contains("connection refused");
  }

  @Test
  void aWebhookEndpointIsCreatedWithItsSecretAndListed() throws Exception {
    Run create =
        kilnctl(
            apiEnv(),
            "--json",
            "webhooks",
            "create",
            "http://127.0.0.1:9/hooks",
            "--event",
            "job.completed");
    assertThat(create.exitCode()).as(create.err()).isZero();
    JsonNode endpoint = new ObjectMapper().readTree(create.out());
    assertThat(endpoint.path("secret").asText()).startsWith("whsec_");
    assertThat(endpoint.path("events"))
        .extracting(JsonNode::asText)
        .containsExactly("job.completed");

    Run list = kilnctl(apiEnv(), "webhooks", "ls");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("ID", "URL", "EVENTS")
        .contains(endpoint.path("id").asText() + "   http://127.0.0.1:9/hooks   job.completed");
  }

  private static Map<String, String> apiEnv() {
    return Map.of("KILN_URL", stack.api().toString(), "KILN_API_KEY", KilnStack.API_KEY);
  }

  private static Run kilnctl(Map<String, String> env, String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("KILN_"));
    builder.environment().put("XDG_CONFIG_HOME", home.toString());
    builder.environment().putAll(env);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS))
        .as("kilnctl %s ended", List.of(args))
        .isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
