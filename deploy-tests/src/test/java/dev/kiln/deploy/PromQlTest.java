package dev.kiln.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void aSelectorIsItsMetricName() {
    assertThat(PromQl.metricNames("kiln_outbox_backlog")).containsExactly("kiln_outbox_backlog");
    assertThat(PromQl.metricNames("up{job=\"kiln\", instance=~\"a|b\"} == 0"))
        .containsExactly("up");
  }

  @Test
  void functionsAggregationsAndTheirLabelListsAreNotMetrics() {
    String expr =
        "histogram_quantile(0.95, sum by (le, lane) (rate(kiln_jobs_queue_wait_seconds_bucket"
            + "[$__rate_interval])))";

    assertThat(PromQl.metricNames(expr)).containsExactly("kiln_jobs_queue_wait_seconds_bucket");
    assertThat(PromQl.metricNames("sum(rate(a_total[5m])) without (instance)"))
        .containsExactly("a_total");
  }

  @Test
  void binaryOperationsNameBothSides() {
    String expr =
        "sum(max by (lane) (kiln_jobs_queued)) > 0 and max(kiln_workers_consuming) == 0"
            + " or on (job) group_left (lane) absent(up)";

    assertThat(PromQl.metricNames(expr))
        .containsExactly("kiln_jobs_queued", "kiln_workers_consuming", "up");
  }

  @Test
  void labelValuesStringsNumbersAndDurationsAreSkipped() {
    String expr =
        "sum(rate(http_server_requests_seconds_count{status=~\"5..\", uri!~\"/q/.*\"}[5m]"
            + " offset 1h)) / 1e3 > 0.05 and deriv(max(kiln_jobs_lag_records)[15m:1m]) > .5";

    assertThat(PromQl.metricNames(expr))
        .containsExactly("http_server_requests_seconds_count", "kiln_jobs_lag_records");
  }

  @Test
  void anUnbalancedExpressionIsAnError() {
    assertThatThrownBy(() -> PromQl.metricNames("rate(x{a=\"b\"[5m])"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
