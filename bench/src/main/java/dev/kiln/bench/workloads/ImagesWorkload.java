package dev.kiln.bench.workloads;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.Workload;
import dev.kiln.bench.client.JobTracker;
import dev.kiln.bench.client.KilnClient.Reply;
import dev.kiln.bench.procs.ResourceMeter;
import dev.kiln.bench.procs.ResourceUsage;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.presets.Preset;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real image work: every photo of a folder through each pipeline that exists — a 512 px fit encoded
 * to each output format, and each preset — measuring images per second and the CPU each Kiln
 * process spends per image (worker CPU per image is the figure that sizes a fleet).
 */
public final class ImagesWorkload implements Workload {

  private static final ObjectWriter STEPS =
      KilnJson.mapper().writerFor(new TypeReference<List<Step>>() {});
  private static final Map<String, String> CONTENT_TYPES =
      Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg", "png", "image/png", "webp", "image/webp");
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(30);

  private final List<String> mediaIds = new ArrayList<>();
  private final Map<String, String> pipelines = new LinkedHashMap<>();

  @Override
  public String name() {
    return "images";
  }

  @Override
  public String summary() {
    return "photos of a folder through every pipeline and preset: images/s, CPU per image";
  }

  @Override
  public String describe(BenchContext context) {
    return ("%d photos from %s × %d, through %d pipelines in turn, %d concurrent submitters; ends"
            + " seen through %s")
        .formatted(
            mediaIds.isEmpty() ? photos(context).size() : mediaIds.size(),
            context.options().photos(),
            repeat(context),
            pipelineFields().size(),
            concurrency(context),
            context.options().observe().description());
  }

  @Override
  public void prepare(BenchContext context) throws Exception {
    for (Path photo : photos(context)) {
      String type = CONTENT_TYPES.get(extension(photo));
      Reply reply =
          context
              .client()
              .upload(Files.readAllBytes(photo), type)
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      if (reply.status() != 201) {
        throw new IllegalStateException("Uploading " + photo + " answered " + reply.describe());
      }
      mediaIds.add(reply.json().getString("id"));
    }
    pipelines.putAll(pipelineFields());
    int warmup = context.options().warmup(1, 1);
    if (warmup > 0) {
      context.progress("images: warm-up, %d job(s) per pipeline", warmup);
      for (String fields : pipelines.values()) {
        runPipeline(context, context.tracker(10), fields, warmup);
      }
    }
  }

  @Override
  public RunResult run(BenchContext context) throws Exception {
    int jobs = mediaIds.size() * repeat(context);
    RunResult result = new RunResult("image").units((long) jobs * pipelines.size());
    for (Map.Entry<String, String> pipeline : pipelines.entrySet()) {
      String name = pipeline.getKey();
      context.progress("images: %s, %d jobs", name, jobs);
      JobTracker tracker = context.tracker(10);
      ResourceMeter meter = ResourceMeter.start(context.processes());
      long start = System.nanoTime();
      runPipeline(context, tracker, pipeline.getValue(), jobs);
      double seconds = (JobFigures.lastSeenNanos(tracker, start) - start) / 1e9;
      List<ResourceUsage> usage = meter.stop();
      long completed = Outcomes.completed(tracker);
      result.figure(name + ": images/s", completed / seconds, "%.1f");
      double kilnCpu = 0;
      for (ResourceUsage process : usage) {
        if (process.process().kiln() && process.alive()) {
          kilnCpu += process.cpuSeconds();
          if (process.process().name().startsWith("worker")) {
            result.figure(
                name + ": " + process.process().name() + " CPU ms/image",
                perImage(process.cpuSeconds(), completed),
                "%.1f");
          }
        }
      }
      result.figure(
          name + ": Kiln CPU ms/image (all processes)", perImage(kilnCpu, completed), "%.1f");
      Outcomes.jobs(result, tracker, context.options().timeout());
    }
    return result;
  }

  private static double perImage(double cpuSeconds, long images) {
    return images == 0 ? Double.NaN : cpuSeconds * 1000 / images;
  }

  /**
   * Submits {@code jobs} jobs of one pipeline over the photos, follows them with {@code tracker}
   * and waits for them to end (then the tracker is stopped).
   */
  private void runPipeline(BenchContext context, JobTracker tracker, String fields, int jobs)
      throws Exception {
    try (tracker) {
      ClosedLoop.Result submits =
          ClosedLoop.run(
              context.client(),
              jobs,
              concurrency(context),
              i -> body(mediaIds.get(i % mediaIds.size()), fields),
              tracker::add,
              SUBMIT_TIMEOUT);
      if (submits.errors() > 0) {
        throw new IllegalStateException(
            "submits were not accepted, e.g. " + submits.errorSamples());
      }
      Outcomes.awaitEnd(tracker, context.options().timeout());
    }
  }

  /** Pipeline name → the JSON fields of the request that ask for it. */
  static Map<String, String> pipelineFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    for (OutputFormat format : OutputFormat.values()) {
      List<Step> steps =
          List.of(
              new AutoOrientStep(),
              new ResizeStep(512, 512, Fit.INSIDE, false),
              EncodeStep.of(format));
      try {
        fields.put(
            "fit 512 → " + format.name().toLowerCase(Locale.ROOT),
            "\"pipeline\":" + STEPS.writeValueAsString(steps));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    for (Preset preset : Preset.values()) {
      fields.put("preset " + preset.wireName(), "\"preset\":\"" + preset.wireName() + "\"");
    }
    return fields;
  }

  private static Buffer body(String mediaId, String fields) {
    return Buffer.buffer(
        "{\"input\":" + new JsonObject().put("media_id", mediaId).encode() + "," + fields + "}");
  }

  private static List<Path> photos(BenchContext context) {
    Path dir = context.options().photos();
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> photos =
          files.filter(p -> CONTENT_TYPES.containsKey(extension(p))).sorted().toList();
      if (photos.isEmpty()) {
        throw new IllegalArgumentException("No JPEG, PNG or WebP photo in " + dir);
      }
      return photos;
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the photo folder " + dir + ": " + e);
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static int repeat(BenchContext context) {
    return context.options().smoke() ? 1 : context.options().repeat();
  }

  private static int concurrency(BenchContext context) {
    return context.options().concurrency(8, 2);
  }
}
