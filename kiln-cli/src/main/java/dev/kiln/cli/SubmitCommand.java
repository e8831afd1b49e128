package dev.kiln.cli;

import dev.kiln.client.KilnClient;
import dev.kiln.client.http.Json;
import dev.kiln.client.jobs.Input;
import dev.kiln.client.jobs.Job;
import dev.kiln.client.jobs.JobRequest;
import dev.kiln.client.jobs.JobsApi;
import dev.kiln.client.jobs.Step;
import dev.kiln.client.media.Media;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kilnctl submit FILE|URL}: upload, submit, follow, download. */
@Command(
    name = "submit",
    description = {
      "Upload an image (or name a public http(s) URL) and submit a job with a preset or a"
          + " pipeline. With --wait or -o, follow it live and save the result."
    })
final class SubmitCommand implements Callable<Integer> {

  @ParentCommand Kilnctl root;

  @Parameters(paramLabel = "FILE|URL", description = "The image: a file, or an http(s) URL")
  String image;

  @ArgGroup(multiplicity = "1")
  Work work;

  /** Exactly one way to say what the job does. */
  static final class Work {
    @Option(names = "--preset", paramLabel = "NAME", description = "thumbnail, avatar or sticker")
    String preset;

    @Option(
        names = "--pipeline-file",
        paramLabel = "FILE",
        description = "A JSON array of steps (or an object with \"pipeline\")")
    Path pipelineFile;

    @Option(
        names = "--step",
        paramLabel = "OP[:NAME=VALUE,...]",
        description = "A pipeline step, repeatable in order, e.g. resize:width=400,height=300")
    List<String> steps = new ArrayList<>();
  }

  @Option(names = "--wait", description = "Follow the job live until it ends")
  boolean wait;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Save the result here (implies --wait)")
  Path output;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "How long --wait waits (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(names = "--priority", description = "low, normal or high")
  String priority;

  @Option(names = "--metadata", paramLabel = "JSON", description = "A JSON object kept on the job")
  String metadata;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description = "Makes a repeated submit answer the first job (default: a new one each time)")
  String idempotencyKey;

  @Override
  public Integer call() {
    KilnClient kiln = root.client();
    JobRequest request = request(input(kiln));
    Job job =
        kiln.jobs()
            .submit(request, idempotencyKey != null ? idempotencyKey : JobsApi.newIdempotencyKey());
    root.note("Submitted " + job.id() + (job.preset() == null ? "" : " (" + job.preset() + ")"));
    return new JobFollower(root).finish(job, wait, output, Duration.ofSeconds(timeoutSeconds));
  }

  private Input input(KilnClient kiln) {
    if (image.startsWith("http://") || image.startsWith("https://")) {
      return Input.url(image);
    }
    Media media = kiln.media().upload(Path.of(image));
    root.note(
        "Uploaded "
            + image
            + " as "
            + media.id()
            + " ("
            + media.width()
            + "x"
            + media.height()
            + " "
            + media.mimeType()
            + ")");
    return Input.media(media.id());
  }

  private JobRequest request(Input input) {
    JobRequest request;
    if (work.preset != null) {
      request = JobRequest.preset(input, work.preset);
    } else {
      List<Step> steps =
          work.pipelineFile != null
              ? Steps.read(work.pipelineFile)
              : work.steps.stream().map(Steps::parse).toList();
      request = JobRequest.pipeline(input, steps);
    }
    if (priority != null) {
      request = request.withPriority(priority);
    }
    if (metadata != null) {
      try {
        request = request.withMetadata(Json.MAPPER.readTree(metadata));
      } catch (IOException e) {
        throw new Kilnctl.UsageException("--metadata is not JSON: " + e.getMessage());
      }
    }
    return request;
  }
}
