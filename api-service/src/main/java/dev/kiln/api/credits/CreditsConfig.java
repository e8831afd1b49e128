package dev.kiln.api.credits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** What jobs cost, in credits. Tenants without a credit balance are unlimited and never refused. */
@ConfigMapping(prefix = "kiln.credits")
public interface CreditsConfig {

  /** The cost of a job with a pipeline, before its ops' extra costs; and of a preset not listed. */
  @WithDefault("1")
  int baseCost();

  /**
   * The cost of a job by preset name ({@code kiln.credits.presets.sticker=2}), base cost if absent.
   */
  Map<String, Integer> presets();

  /**
   * The extra cost of a pipeline op ({@code kiln.credits.ops.remove_background=1}), 0 if absent.
   */
  Map<String, Integer> ops();
}
