package dev.kiln.api.tenants;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account: every job, media object and key belongs to exactly one tenant. */
@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {

  @Id public String id;

  public String name;

  @Column(name = "created_at")
  public Instant createdAt;
}
