package io.selfheal.app;

import io.selfheal.ingest.Level;
import io.selfheal.ingest.file.TailSettings;
import io.selfheal.store.DatabaseSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed view of the {@code selfheal.*} properties. Defaults live in {@code application.properties} only; a key
 * missing there is a packaging error and fails fast.
 */
public final class SelfhealSettings {
    private final Function<String, Optional<String>> properties;

    public SelfhealSettings(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    public DatabaseSettings database() {
        return new DatabaseSettings(
                optional("selfheal.db.url"),
                optional("selfheal.db.user"),
                optional("selfheal.db.password"),
                Path.of(required("selfheal.db.embedded.data-dir")),
                integer("selfheal.db.embedded.port"),
                integer("selfheal.db.pool-size"),
                optional("selfheal.db.app-user"),
                optional("selfheal.db.app-password"));
    }

    /** Whether {@code --demo} asked for fake services' logs to be written into the tailed directory. */
    public boolean demo() {
        return Boolean.parseBoolean(required("selfheal.demo"));
    }

    public Level minStoredLevel() {
        String text = required("selfheal.ingest.min-level");
        Level level = Level.parse(text);
        if (level == null) {
            throw new IllegalArgumentException("selfheal.ingest.min-level: not a level: " + text);
        }
        return level;
    }

    public int maxLineBytes() {
        return integer("selfheal.ingest.max-line-bytes");
    }

    public long maxHttpBodyBytes() {
        return Long.parseLong(required("selfheal.http.max-body-bytes"));
    }

    public boolean filesEnabled() {
        return Boolean.parseBoolean(required("selfheal.files.enabled"));
    }

    public TailSettings files() {
        String startAt = required("selfheal.files.start-at").toLowerCase(Locale.ROOT);
        if (!startAt.equals("beginning") && !startAt.equals("end")) {
            throw new IllegalArgumentException("selfheal.files.start-at must be 'beginning' or 'end', not " + startAt);
        }
        return new TailSettings(
                Path.of(required("selfheal.files.directory")),
                required("selfheal.files.pattern"),
                startAt.equals("end"),
                integer("selfheal.files.max-batch-lines"),
                maxLineBytes(),
                Duration.ofMillis(2L * integer("selfheal.files.poll-interval-ms")));
    }

    /** The grouping rules file; it need not exist. */
    public Path groupingRulesFile() {
        return Path.of(required("selfheal.grouping.rules-file"));
    }

    /** Live groups per service loaded from the database at start. */
    public int groupingWarmGroupsPerService() {
        return integer("selfheal.grouping.warm-groups-per-service");
    }

    private String optional(String key) {
        return properties.apply(key).filter(v -> !v.isBlank()).orElse(null);
    }

    private String required(String key) {
        return properties.apply(key).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }

    private int integer(String key) {
        String value = required(key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number: " + value, e);
        }
    }
}
