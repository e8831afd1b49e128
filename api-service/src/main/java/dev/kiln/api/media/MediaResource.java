package dev.kiln.api.media;

import dev.kiln.api.paging.Page;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.api.tenants.CurrentTenant;
import dev.kiln.model.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestPath;

/** Uploads and reads images: {@code /v1/media}. */
@Path("/v1/media")
public class MediaResource {

  private final MediaService media;
  private final MediaMapper mapper;
  private final CurrentTenant tenant;

  public MediaResource(MediaService media, MediaMapper mapper, CurrentTenant tenant) {
    this.media = media;
    this.mapper = mapper;
    this.tenant = tenant;
  }

  @POST
  @Operation(
      summary =
          "Upload an image as the raw request body (image/*, application/octet-stream) or as the"
              + " multipart form field 'file'; answers 201 with the media object")
  @RequestBody(
      content = {
        @Content(mediaType = "image/*"),
        @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM),
        @Content(mediaType = MediaType.MULTIPART_FORM_DATA)
      })
  public Uni<Response> upload(@Context RoutingContext context) {
    byte[] image = UploadReader.image(context);
    return media
        .upload(tenant.id(), image)
        .map(
            m ->
                Response.created(URI.create("/v1/media/" + m.id)).entity(mapper.toView(m)).build());
  }

  @GET
  @Operation(summary = "The account's uploads, newest first (?limit=, ?cursor=)")
  public Uni<Page<MediaView>> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    PageRequest page = PageRequest.of(limit, cursor, Ids.MEDIA);
    return media
        .uploads(tenant.id(), page)
        .map(found -> Page.of(found, page, mapper::toView, MediaView::id));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A media object with a pre-signed download URL")
  public Uni<MediaView> get(@RestPath String id) {
    return media.find(tenant.id(), id).map(mapper::toView);
  }
}
