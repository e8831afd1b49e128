package dev.kiln.cli;

import dev.kiln.client.Page;
import dev.kiln.client.jobs.Job;
import dev.kiln.client.jobs.JobQuery;
import dev.kiln.client.jobs.JobsApi;
import dev.kiln.client.jobs.RerunRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kilnctl jobs ls|get|cancel|rerun}. */
@Command(name = "jobs", description = "List, show, cancel and re-run jobs.")
final class JobsCommand {

  @ParentCommand Kilnctl root;

  @Command(name = "ls", description = "The account's jobs, newest first.")
  void list(
      @Option(
              names = "--status",
              split = ",",
              paramLabel = "STATUS",
              description = "queued, processing, completed, failed, cancelled, expired")
          List<String> statuses,
      @Option(names = "--preset", paramLabel = "NAME") String preset,
      @Option(
              names = "--created-after",
              paramLabel = "TIME",
              description = "e.g. 2026-01-31T12:00:00Z")
          Instant createdAfter,
      @Option(names = "--created-before", paramLabel = "TIME") Instant createdBefore,
      @Option(names = "--limit", defaultValue = "20", description = "Jobs per page (1-100)")
          int limit,
      @Option(names = "--all", description = "Every page, not just the first") boolean all) {
    JobQuery query = new JobQuery(statuses, preset, createdAfter, createdBefore, limit);
    JobsApi jobs = root.client().jobs();
    if (all) {
      List<Job> every = jobs.listAll(query).items().collect(Collectors.toList());
      root.print(every, out -> Views.JOBS.print(every, out));
    } else {
      Page<Job> page = jobs.list(query, null);
      root.print(
          page,
          out -> {
            Views.JOBS.print(page.data(), out);
            if (page.hasMore()) {
              out.println("(more: --all)");
            }
          });
    }
  }

  @Command(name = "get", description = "One job: status, progress, timing, result or error.")
  void get(@Parameters(paramLabel = "JOB_ID") String jobId) {
    Job job = root.client().jobs().get(jobId);
    root.print(job, out -> Views.JOB.printOne(job, out));
  }

  @Command(name = "cancel", description = "Cancel a queued or running job.")
  void cancel(@Parameters(paramLabel = "JOB_ID") String jobId) {
    Job job = root.client().jobs().cancel(jobId);
    root.print(job, out -> Views.JOB.printOne(job, out));
  }

  @Command(name = "rerun", description = "Run a job again as a new job; --wait/-o as submit.")
  int rerun(
      @Parameters(paramLabel = "JOB_ID") String jobId,
      @Option(names = "--wait", description = "Follow the new job live until it ends") boolean wait,
      @Option(
              names = {"-o", "--output"},
              paramLabel = "FILE",
              description = "Save the result here (implies --wait)")
          Path output,
      @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300") long timeout) {
    Job job = root.client().jobs().rerun(jobId, RerunRequest.SAME, JobsApi.newIdempotencyKey());
    root.note("Submitted " + job.id() + " (rerun of " + jobId + ")");
    return new JobFollower(root).finish(job, wait, output, Duration.ofSeconds(timeout));
  }
}
