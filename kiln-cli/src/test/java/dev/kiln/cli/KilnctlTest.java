package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.client.jobs.Step;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KilnctlTest {

  @TempDir Path dir;

  @Test
  void stepsFromTheCommandLineAreTyped() {
    Step step = Steps.parse("encode:format=webp,quality=80,lossless=false,max_bytes=1.5");

    assertThat(step.op()).isEqualTo("encode");
    assertThat(step.arguments())
        .containsExactly(
            Map.entry("format", "webp"),
            Map.entry("quality", 80L),
            Map.entry("lossless", false),
            Map.entry("max_bytes", 1.5));
    assertThat(Steps.parse("grayscale")).isEqualTo(Step.of("grayscale"));
    assertThatThrownBy(() -> Steps.parse("resize:width")).hasMessageContaining("name=value");
  }

  @Test
  void aPipelineFileIsAnArrayOrAnObjectWithAPipeline() throws Exception {
    Path array = Files.writeString(dir.resolve("a.json"), "[{\"op\": \"resize\", \"width\": 10}]");
    Path object =
        Files.writeString(dir.resolve("o.json"), "{\"pipeline\": [{\"op\": \"grayscale\"}]}");

    assertThat(Steps.read(array)).containsExactly(Step.of("resize").with("width", 10));
    assertThat(Steps.read(object)).containsExactly(Step.of("grayscale"));
    Path bad = Files.writeString(dir.resolve("b.json"), "[{\"width\": 10}]");
    assertThatThrownBy(() -> Steps.read(bad)).hasMessageContaining("\"op\"");
  }

  @Test
  void optionsComeBeforeTheEnvironmentWhichComesBeforeTheConfigFile() throws Exception {
    Path file = Files.writeString(dir.resolve("config.properties"), "url=http://file\napi_key=f\n");
    Map<String, String> env = Map.of("KILN_URL", "http://env", "KILN_API_KEY", "e");

    assertThat(CliConfig.resolve(null, null, file, Map.of()))
        .isEqualTo(new CliConfig("http://file", "f"));
    assertThat(CliConfig.resolve(null, null, file, env))
        .isEqualTo(new CliConfig("http://env", "e"));
    assertThat(CliConfig.resolve("http://flag", "k", file, env))
        .isEqualTo(new CliConfig("http://flag", "k"));
    assertThat(CliConfig.file(null, Map.of("XDG_CONFIG_HOME", "/x")))
        .isEqualTo(Path.of("/x/kiln/config.properties"));
    assertThat(CliConfig.file(null, Map.of("KILN_CONFIG", "/c.properties")))
        .isEqualTo(Path.of("/c.properties"));
  }

  @Test
  void usageMistakesEndWithExitCodeTwoAndSayWhy() {
    Map<String, String> noKey = Map.of("XDG_CONFIG_HOME", dir.toString());
    assertThat(run(noKey, "jobs", "ls").exitCode).isEqualTo(2);
    assertThat(run(noKey, "jobs", "ls").err).contains("No API key");

    Map<String, String> env = Map.of("KILN_API_KEY", "k", "KILN_URL", "http://127.0.0.1:9");
    Run missingFile = run(env, "submit", dir.resolve("nope.jpg").toString(), "--preset", "sticker");
    assertThat(missingFile.exitCode).isEqualTo(2);
    assertThat(missingFile.err).contains("cannot read").contains("nope.jpg");

    Run twoWorks = run(env, "submit", "x.jpg", "--preset", "sticker", "--step", "grayscale");
    assertThat(twoWorks.exitCode).isEqualTo(2);
    assertThat(twoWorks.err).contains("mutually exclusive");
  }

  @Test
  void helpListsTheExitCodesAndTheConfigFile() {
    Run help = run(Map.of(), "--help");
    assertThat(help.exitCode).isZero();
    assertThat(help.out)
        .contains("~/.config/kiln/config.properties")
        .contains("KILN_API_KEY")
        .contains("Exit codes:")
        .contains("5   --wait gave up");
    assertThat(run(Map.of(), "jobs", "--help").out).contains("ls", "get", "cancel", "rerun");
  }

  @Test
  void jsonOutputKeepsTheMembersThatAreNull() throws Exception {
    Step step = Step.of("grayscale");
    String json = Kilnctl.JSON_OUTPUT.writeValueAsString(new Holder("job_1", null, step));

    assertThat(json).contains("\"job_id\" : \"job_1\"").contains("\"completed_at\" : null");
  }

  private record Holder(String jobId, java.time.Instant completedAt, Step step) {}

  private record Run(int exitCode, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    CommandLine cli = Kilnctl.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
