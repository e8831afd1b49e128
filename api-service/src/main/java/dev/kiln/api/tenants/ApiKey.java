package dev.kiln.api.tenants;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An API key of a tenant, stored as its SHA-256 hash (see {@link ApiKeyHasher}). */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "key_hash")
  public String keyHash;

  /** The first characters of the key, to recognise it in listings without revealing it. */
  @Column(name = "key_prefix")
  public String keyPrefix;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;
}
