package dev.kiln.api.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Puts {@link OpenApiContract} in front of every RestAssured call of every {@code @QuarkusTest}
 * (registered in {@code META-INF/services}), so each existing test also checks that the responses
 * it gets are the documented ones.
 */
public class OpenApiContractInstaller implements QuarkusTestBeforeEachCallback {

  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    if (!RestAssured.filters().contains(OpenApiContract.INSTANCE)) {
      RestAssured.filters(OpenApiContract.INSTANCE);
    }
  }
}
