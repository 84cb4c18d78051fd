package io.selfheal.observe;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {
    @Test
    void findsTheMetricsAQuerySelectsNotItsFunctionsLabelsOrRanges() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le, model) (rate(selfheal_llm_calls_seconds_bucket{job=\"a b\"}[5m])))"))
                .containsExactly("selfheal_llm_calls_seconds_bucket");
        assertThat(PromQl.metricNames("sum(rate(a_total[1m])) / ignoring (x) sum(b) * 60 > bool 0 unless c"))
                .containsExactly("a_total", "b", "c");
    }

    @Test
    void readsMaxByAndTheSeriesUnderIt() {
        assertThat(PromQl.maxBys("max by (status) (selfheal_incidents)"))
                .containsExactly(new PromQl.MaxBy(Set.of("status"), "selfheal_incidents"));
        assertThat(PromQl.maxBys("sum by (s) (max by (s, t) (increase(x_total[1h])))"))
                .containsExactly(new PromQl.MaxBy(Set.of("s", "t"), "x_total"));
    }
}
