package dev.kiln.api.credits;

import dev.kiln.model.pipeline.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Prices a job from {@link CreditsConfig}: by its preset, or by its pipeline's ops. */
@ApplicationScoped
public class CreditCosts {

  private final CreditsConfig config;

  public CreditCosts(CreditsConfig config) {
    this.config = config;
  }

  /**
   * @param preset the job's preset, or null for a pipeline
   * @param steps the submitted steps (a preset's own steps are priced by the preset)
   */
  public int of(String preset, List<Step> steps) {
    if (preset != null) {
      return config.presets().getOrDefault(preset, config.baseCost());
    }
    int cost = config.baseCost();
    for (Step step : steps) {
      cost += config.ops().getOrDefault(step.op(), 0);
    }
    return cost;
  }
}
