package dev.kiln.api.media;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored image: an upload or a job result. */
@Entity
@Table(name = "media")
public class Media extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "storage_key")
  public String storageKey;

  @Column(name = "mime_type")
  public String mimeType;

  @Column(name = "size_bytes")
  public long sizeBytes;

  public int width;

  public int height;

  /** The job that produced this image, or null for an upload. */
  @Column(name = "source_job_id")
  public String sourceJobId;

  @Column(name = "created_at")
  public Instant createdAt;
}
