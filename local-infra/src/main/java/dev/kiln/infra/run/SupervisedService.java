package dev.kiln.infra.run;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service of the local run that is started again when it exits on its own (a crash, {@code kill
 * -9}, an out-of-memory exit), after a {@link RestartBackoff} delay, and says so. {@link #stop()}
 * ends it for good.
 */
final class SupervisedService {

  /** Starts one process of the service. */
  @FunctionalInterface
  interface Launcher {
    ServiceProcess launch() throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(SupervisedService.class);

  private final String name;
  private final Launcher launcher;
  private final RestartBackoff backoff;
  private final Duration stopGrace;
  private final ScheduledExecutorService restarts;
  private final AtomicInteger restartCount = new AtomicInteger();
  private ServiceProcess current;
  private long startedNanos;
  private int crashesInARow;
  private boolean stopping;

  /**
   * @param stopGrace how long {@link #stop()} lets the process stop gracefully before killing it
   */
  SupervisedService(String name, Launcher launcher, RestartBackoff backoff, Duration stopGrace) {
    this.name = name;
    this.launcher = launcher;
    this.backoff = backoff;
    this.stopGrace = stopGrace;
    this.restarts =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name(name + "-supervisor").factory());
  }

  /** Starts the first process and watches it. */
  synchronized ServiceProcess start() throws IOException {
    return launch();
  }

  /** The process running now (or the last one, while a restart waits). */
  synchronized ServiceProcess current() {
    return current;
  }

  /** How many times the service was started again after an exit. */
  int restarts() {
    return restartCount.get();
  }

  /**
   * From now on an exit is not restarted. Called first thing on Ctrl-C: the terminal's SIGINT
   * reaches the services too, and one may exit on its own before {@link #stop()} comes to it.
   */
  void stopRestarting() {
    synchronized (this) {
      stopping = true;
    }
    restarts.shutdownNow();
  }

  /** Stops the service for good: no restart follows. */
  void stop() {
    stopRestarting();
    ServiceProcess process;
    synchronized (this) {
      process = current;
    }
    if (process != null && process.isAlive()) {
      LOG.info("Stopping {}", name);
      process.stop(stopGrace);
    }
  }

  private ServiceProcess launch() throws IOException {
    ServiceProcess process = launcher.launch();
    current = process;
    startedNanos = System.nanoTime();
    process.onExit().thenAccept(this::exited);
    return process;
  }

  private synchronized void exited(ServiceProcess process) {
    if (stopping || process != current) {
      return;
    }
    Duration ran = Duration.ofNanos(System.nanoTime() - startedNanos);
    crashesInARow = backoff.wasStable(ran) ? 0 : crashesInARow + 1;
    Duration delay = backoff.delay(crashesInARow - 1);
    LOG.warn(
        "{} exited unexpectedly with code {} after {} s; restarting it in {} s",
        name,
        process.exitValue(),
        ran.toSeconds(),
        delay.toMillis() / 1000.0);
    restarts.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void restart() {
    if (stopping) {
      return;
    }
    try {
      launch();
      LOG.info("{} restarted (restart {})", name, restartCount.incrementAndGet());
    } catch (IOException | RuntimeException e) {
      LOG.error("{} could not be restarted: {}; trying again", name, e.getMessage());
      crashesInARow++;
      restarts.schedule(
          this::restart, backoff.delay(crashesInARow - 1).toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
