package dev.kiln.api.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.jboss.jandex.IndexView;

/**
 * Makes the generated OpenAPI document exact, at build time: wire names and nullability of the
 * records ({@link WireProperties}), the problem responses ({@link Problems}), headers ({@link
 * Headers}), the step union ({@link StepSchemas}), the streams ({@link EventStreams}), examples
 * ({@link Examples}) and, per operation, what {@link Endpoints} states ({@link Operations}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class KilnOpenApiFilter implements OASFilter {

  static final String BEARER = "bearer";
  static final String API_KEY = "apiKey";

  private final IndexView index;

  public KilnOpenApiFilter(IndexView index) {
    this.index = index;
  }

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    Components components = openApi.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openApi.setComponents(components);
    }
    JavaTypeSchemas.inline(components);
    PropertyRules.apply(components.getSchemas());
    new WireProperties(index).apply(components.getSchemas());
    StepSchemas.register(components);
    Headers.register(components);
    Problems.register(components);
    security(openApi, components);
    tags(openApi);
    Map<String, Endpoint> table = new LinkedHashMap<>();
    Endpoints.ALL.forEach(e -> table.put(e.key(), e));
    for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> operation :
          path.getValue().getOperations().entrySet()) {
        Endpoint endpoint = table.get(operation.getKey() + " " + path.getKey());
        if (endpoint != null) {
          Operations.apply(endpoint, operation.getValue(), components);
        }
      }
    }
    UnusedSchemas.remove(openApi);
  }

  private static void security(OpenAPI openApi, Components components) {
    components.addSecurityScheme(
        BEARER,
        OASFactory.createSecurityScheme()
            .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .description("Authorization: Bearer <API key>"));
    components.addSecurityScheme(
        API_KEY,
        OASFactory.createSecurityScheme()
            .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.APIKEY)
            .in(org.eclipse.microprofile.openapi.models.security.SecurityScheme.In.HEADER)
            .name("X-API-Key")
            .description("The API key in X-API-Key, as an alternative to the bearer scheme"));
    openApi.setSecurity(
        List.of(
            OASFactory.createSecurityRequirement().addScheme(BEARER),
            OASFactory.createSecurityRequirement().addScheme(API_KEY)));
  }

  private static void tags(OpenAPI openApi) {
    Endpoints.ALL.stream()
        .map(Endpoint::tag)
        .distinct()
        .forEach(
            name ->
                openApi.addTag(
                    OASFactory.createTag().name(name).description(Endpoints.TAGS.get(name))));
  }
}
