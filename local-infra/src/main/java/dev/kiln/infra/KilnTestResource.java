package dev.kiln.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Real PostgreSQL, Kafka and S3 for {@code @QuarkusTest}s: one JVM-wide {@link LocalInfra} on free
 * ports and temporary data ({@link SharedInfra}), shared by every test class and every test
 * profile, stopped when the JVM exits. {@link #start()} returns {@link
 * InfraEndpoints#quarkusConfig()}.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
 * class JobResourceTest { ... }
 * }</pre>
 *
 * <p>A service without a database passes {@code initArgs = @ResourceArg(name =
 * KilnTestResource.DATASOURCE, value = "false")} to leave out the {@code quarkus.datasource.*}
 * keys.
 */
public class KilnTestResource implements QuarkusTestResourceLifecycleManager {

  /** Init argument: {@code "false"} leaves out the {@code quarkus.datasource.*} keys. */
  public static final String DATASOURCE = "datasource";

  private boolean datasource = true;

  @Override
  public void init(Map<String, String> initArgs) {
    datasource = !"false".equals(initArgs.get(DATASOURCE));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = SharedInfra.quarkusConfig();
    return datasource ? config : InfraEndpoints.withoutDatasource(config);
  }

  /** Nothing to do: the infrastructure outlives each application and stops with the JVM. */
  @Override
  public void stop() {}
}
