package dev.kiln.api.lanes;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The dispatch window of production (the test profile's is unbounded: no worker starts jobs). */
public class LanesProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("kiln.lanes.min-ahead", "2", "kiln.lanes.ahead-per-running", "1.0");
  }
}
