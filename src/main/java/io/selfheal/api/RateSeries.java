package io.selfheal.api;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group's occurrences over a time span in {@value #BUCKETS} equal buckets, for the rate chart of a detail page. The
 * {@code sql:} query counts per bucket index; buckets without occurrences are filled in here as zeros.
 */
public final class RateSeries {
    static final int BUCKETS = 60;
    private static final long MIN_BUCKET_SECONDS = 60;

    private RateSeries() {
    }

    /** The named parameters of the rate query: {@code fingerprintId}, {@code from}, {@code to}, {@code bucketSeconds}. */
    public static Map<String, Object> parameters(String fingerprintId, Instant from, Instant to) {
        long seconds = Math.max(MIN_BUCKET_SECONDS, (Duration.between(from, to).getSeconds() + BUCKETS - 1) / BUCKETS);
        Map<String, Object> p = new HashMap<>();
        p.put("fingerprintId", fingerprintId);
        p.put("from", Timestamp.from(from));
        p.put("to", Timestamp.from(from.plusSeconds(seconds * BUCKETS)));
        p.put("bucketSeconds", seconds);
        return p;
    }

    /**
     * @param parameters what {@link #parameters} returned
     * @param rows       {@code bucket} (index from 0) and {@code count} per non-empty bucket
     * @return {@code bucketSeconds} and {@code points}: per bucket its {@code start}, {@code count} and
     *         {@code perMinute}
     */
    public static Map<String, Object> of(Map<String, Object> parameters, List<Map<String, Object>> rows) {
        long seconds = ((Number) parameters.get("bucketSeconds")).longValue();
        Instant from = ((Timestamp) parameters.get("from")).toInstant();
        long[] counts = new long[BUCKETS];
        for (Map<String, Object> row : rows == null ? List.<Map<String, Object>>of() : rows) {
            int bucket = ((Number) row.get("bucket")).intValue();
            if (bucket >= 0 && bucket < BUCKETS) {
                counts[bucket] += ((Number) row.get("count")).longValue();
            }
        }
        List<Map<String, Object>> points = new ArrayList<>(BUCKETS);
        for (int i = 0; i < BUCKETS; i++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("start", from.plusSeconds(i * seconds).toString());
            point.put("count", counts[i]);
            point.put("perMinute", counts[i] * 60.0 / seconds);
            points.add(point);
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("bucketSeconds", seconds);
        series.put("points", points);
        return series;
    }
}
