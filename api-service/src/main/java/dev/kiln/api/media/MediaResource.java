package dev.kiln.api.media;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.tenants.CurrentTenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Uploads and reads images: {@code /v1/media}. */
@Path("/v1/media")
public class MediaResource {

  private final MediaService media;
  private final MediaMapper mapper;
  private final CurrentTenant tenant;
  private final Vertx vertx;

  public MediaResource(MediaService media, MediaMapper mapper, CurrentTenant tenant, Vertx vertx) {
    this.media = media;
    this.mapper = mapper;
    this.tenant = tenant;
    this.vertx = vertx;
  }

  @POST
  @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
  @Operation(summary = "Upload an image as the raw request body")
  public Uni<Response> uploadRaw(byte[] body) {
    return created(media.upload(tenant.id(), body));
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(summary = "Upload an image as the multipart form field 'file'")
  public Uni<Response> uploadForm(@RestForm("file") FileUpload file) {
    if (file == null) {
      throw ApiException.invalid("file", "a multipart field 'file' with the image is required");
    }
    return vertx
        .fileSystem()
        .readFile(file.uploadedFile().toString())
        .chain(buffer -> created(media.upload(tenant.id(), buffer.getBytes())));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A media object with a pre-signed download URL")
  public Uni<MediaView> get(@RestPath String id) {
    return media.find(tenant.id(), id).map(mapper::toView);
  }

  private Uni<Response> created(Uni<Media> stored) {
    return stored.map(
        m -> Response.created(URI.create("/v1/media/" + m.id)).entity(mapper.toView(m)).build());
  }
}
