package dev.kiln.api.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.json.KilnJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Gives the HTTP layer Kiln's JSON conventions. Unlike the Kafka codecs, request bodies are strict:
 * an unknown field is most often a typo ({@code "widht"}) that the client wants to hear about.
 */
@Singleton
public class KilnObjectMapperCustomizer implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    KilnJson.configure(mapper).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
