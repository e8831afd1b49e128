package dev.kiln.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.config.WebhooksConfig;
import dev.kiln.api.tenants.CurrentTenant;
import dev.kiln.webhooks.WebhookSecret;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /v1/account/webhook-secret}: the secret that signs webhooks sent to jobs' own {@code
 * webhook_url}. Creating it again rotates it (the old one keeps signing, as a second signature, for
 * {@code kiln.webhooks.secret-overlap}). The secret is shown only in the answer that creates it.
 */
@Path("/v1/account/webhook-secret")
public class AccountSecretResource {

  private final AccountSecretStore secrets;
  private final SecretCipher cipher;
  private final WebhooksConfig config;
  private final CurrentTenant tenant;

  public AccountSecretResource(
      AccountSecretStore secrets,
      SecretCipher cipher,
      WebhooksConfig config,
      CurrentTenant tenant) {
    this.secrets = secrets;
    this.cipher = cipher;
    this.config = config;
    this.tenant = tenant;
  }

  @POST
  @Operation(summary = "Create (or rotate) the account's webhook secret; shown only in this answer")
  public Uni<SecretView> rotate() {
    WebhookSecret secret = WebhookSecret.generate();
    String tenantId = tenant.id();
    return secrets
        .rotate(tenantId, cipher.encrypt(secret, tenantId), config.secretOverlap())
        .map(state -> SecretView.of(state, secret.value()));
  }

  @GET
  @Operation(summary = "Whether the account has a webhook secret, and since when (not the secret)")
  public Uni<SecretView> get() {
    return secrets.state(tenant.id()).map(state -> SecretView.of(state, null));
  }

  /**
   * The account's webhook secret: {@code secret} only in the answer that creates it.
   *
   * @param previousSecretExpiresAt until when the rotated-out secret still signs
   */
  public record SecretView(
      String object,
      boolean exists,
      Instant createdAt,
      Instant previousSecretExpiresAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static SecretView of(AccountSecretStore.State state, String secret) {
      return new SecretView(
          "webhook_secret", state.exists(), state.createdAt(), state.previousExpiresAt(), secret);
    }
  }
}
