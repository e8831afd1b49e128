package dev.kiln.api.jobs;

import dev.kiln.api.media.Media;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;

/**
 * A job row: the source of truth of a job's state. Workers never write it; the API applies their
 * events to it (see {@link JobEventApplier}).
 */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "tenant_id")
  public String tenantId;

  /** A {@link JobStatus} wire value. */
  public String status;

  public String preset;

  /** JSON of the submitted input. */
  public String input;

  @Column(name = "input_key")
  public String inputKey;

  /** JSON of the complete pipeline (always ending in encode). */
  public String pipeline;

  /** The lane: {@link JobPriority#stored()}. */
  public int priority;

  public Instant deadline;

  /** The client's metadata object as JSON, or null. */
  public String metadata;

  @Column(name = "idempotency_key")
  public String idempotencyKey;

  public int attempt;

  @Column(name = "last_seq")
  public int lastSeq;

  /** The sequence of the job's newest event (written by the database with each event). */
  @Column(name = "event_seq", insertable = false, updatable = false)
  public Long eventSeq;

  /**
   * The job's own webhook target and the event types it wants: written when the job is accepted
   * ({@link JobTransitions}) and read by the database's event trigger, never through this entity.
   */
  @Transient public String webhookUrl;

  @Transient public String[] webhookEvents;

  @Column(name = "progress_percentage")
  public Integer progressPercentage;

  @Column(name = "progress_step")
  public String progressStep;

  @Column(name = "progress_message")
  public String progressMessage;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "result_media_id")
  public Media result;

  @Column(name = "error_code")
  public String errorCode;

  @Column(name = "error_message")
  public String errorMessage;

  @Column(name = "error_retryable")
  public Boolean errorRetryable;

  /** The job's cost in credits, reserved at submit. */
  public int credits;

  /** Whether the cost was reserved from a metered balance (charged or refunded at the end). */
  @Column(name = "credits_metered")
  public boolean creditsMetered;

  /** The preset, or the pipeline's ops joined by {@code +}: what estimates group jobs by. */
  public String kind;

  /** The job this one re-runs, or null. */
  @Column(name = "rerun_of")
  public String rerunOf;

  /** When the job was handed to the workers; null while it waits in its lane. */
  @Column(name = "dispatched_at")
  public Instant dispatchedAt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "last_event_at")
  public Instant lastEventAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public JobStatus jobStatus() {
    return JobStatus.ofWire(status);
  }
}
