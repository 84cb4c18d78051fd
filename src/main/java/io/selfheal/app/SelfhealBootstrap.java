package io.selfheal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.api.ApiAuth;
import io.selfheal.api.ApiWiring;
import io.selfheal.api.HttpGate;
import io.selfheal.config.SecretKeys;
import io.selfheal.config.SettingsReader;
import io.selfheal.demo.DemoMode;
import io.selfheal.fingerprint.Fingerprinter;
import io.selfheal.heal.wiring.HealingWiring;
import io.selfheal.fingerprint.mining.MinerConfig;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.fingerprint.rules.GroupingRulesFile;
import io.selfheal.grouping.api.FingerprintApi;
import io.selfheal.ingest.IngestNormalizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.selfheal.ingest.file.FileSourceLag;
import io.selfheal.ingest.file.FileTailer;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.observe.health.SelfhealHealthChecks;
import io.selfheal.observe.health.StalledSourcesHealthCheck;
import io.selfheal.ingest.http.HttpErrorResponder;
import io.selfheal.ingest.http.HttpLogDecoder;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.llm.DiagnosisWiring;
import io.selfheal.observe.ObserveWiring;
import io.selfheal.observe.SelfhealMetrics;
import io.selfheal.store.CheckpointStore;
import io.selfheal.store.Database;
import io.selfheal.store.EventStore;
import io.selfheal.store.GroupOverrideStore;
import io.selfheal.store.GroupingState;
import io.selfheal.store.PostgresMinerStateStore;
import io.selfheal.store.IngestBatchWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Starts the database (embedded or external) and binds the pipeline's beans before Camel loads the routes, so
 * migrations have run by the time any route starts; closes the database after Camel stopped.
 */
final class SelfhealBootstrap extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(SelfhealBootstrap.class);
    private Database database;
    private DemoMode demo;
    private GroupingState grouping;
    private FileSourceLag fileLag;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        bind(main.getCamelContext());
    }

    /** Starts the database and binds every bean the routes use; also the entry point of {@link SelfhealConfiguration}. */
    void bind(CamelContext camel) {
        maskSecretSettings(camel);
        SelfhealSettings settings = new SelfhealSettings(key -> camel.getPropertiesComponent().resolveProperty(key));
        if (settings.demo()) {
            startDemo(camel, settings); // first: it may set the operator token and action targets read below
        }
        HttpGate.install(camel, apiAuth(new SettingsReader(key -> camel.getPropertiesComponent().resolveProperty(key))));
        database = Database.start(settings.database());
        if (database.isEmbedded()) {
            LOG.info("Embedded PostgreSQL ready at {} (user postgres, password in {})", database.jdbcUrl(),
                    database.embeddedPasswordFile().orElseThrow());
        } else {
            LOG.info("Using PostgreSQL at {}", database.jdbcUrl());
        }

        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();
        SelfhealMetrics metrics = ObserveWiring.bind(camel, database, clock);
        LogParser parser = new LogParser();
        EventStore eventStore = new EventStore(database.dataSource());
        IngestNormalizer normalizer = new IngestNormalizer(parser, json, clock, settings.minStoredLevel());
        HttpLogDecoder httpDecoder = new HttpLogDecoder(parser, normalizer, json, clock, Long.parseLong(
                camel.getPropertiesComponent().resolveProperty("selfheal.http.max-decoded-bytes").orElseThrow()));

        Registry registry = camel.getRegistry();
        registry.bind("database", database);
        // The shared pool, for the sql: and jdbc: endpoints of the routes (dataSource=#dataSource).
        registry.bind("dataSource", database.dataSource());
        registry.bind("ingestNormalizer", normalizer);
        bindGrouping(registry, settings, database, json);
        registry.bind("batchWriter", new IngestBatchWriter(eventStore, metrics));
        registry.bind("fileTailer", new FileTailer(settings.files(), new CheckpointStore(database.dataSource()), parser, clock));
        registry.bind("httpLogDecoder", httpDecoder);
        registry.bind("httpErrors", new HttpErrorResponder(httpDecoder, eventStore, metrics));
        bindDiagnosis(camel, database, json);
        new SourceWiring(key -> camel.getPropertiesComponent().resolveProperty(key)).bind(camel, database, parser, json, clock);
        if (settings.filesEnabled()) {
            watchFileLag(camel, settings, clock);
        }
        HealingWiring.bind(camel, database, clock, json);
        ApiWiring.bind(camel, database, json, clock);
    }

    /** The demo's fake services and receiver; prints how to follow it once everything runs. */
    private void startDemo(CamelContext camel, SelfhealSettings settings) {
        try {
            demo = DemoMode.start(key -> camel.getPropertiesComponent().resolveProperty(key),
                    camel.getPropertiesComponent()::addOverrideProperty, settings.files().directory(), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the demo", e);
        }
        SettingsReader s = new SettingsReader(key -> camel.getPropertiesComponent().resolveProperty(key));
        try {
            camel.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    // Announced once fully started, below.
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    if (demo != null) {
                        demo.announce(System.out, s.integer("selfheal.http.port"), s.bool("selfheal.healing.dry-run"));
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the demo's announcement", e);
        }
    }

    /**
     * Camel prints the settings it resolved at start-up (its property summaries) and masks those it deems sensitive:
     * every Selfheal setting that holds a secret ({@link SecretKeys}) is added to what it masks, whether it comes from
     * a properties file, a {@code -D} option or an environment variable.
     */
    private static void maskSecretSettings(CamelContext camel) {
        Set<String> keys = new HashSet<>(camel.getPropertiesComponent().loadProperties().stringPropertyNames());
        keys.addAll(System.getProperties().stringPropertyNames());
        System.getenv().keySet().forEach(name -> keys.add(name.toLowerCase(Locale.ROOT).replace('_', '.')));
        String configured = camel.getCamelContextExtension().getAdditionalSensitiveKeywords();
        String ours = SecretKeys.camelSensitiveKeywords(keys);
        camel.getCamelContextExtension().setAdditionalSensitiveKeywords(
                configured == null || configured.isBlank() ? ours : configured + "," + ours);
    }

    private static ApiAuth apiAuth(SettingsReader s) {
        return new ApiAuth(s.optional("selfheal.api.operator-token"), s.optional("selfheal.api.read-token"),
                s.optional("selfheal.api.ingest-token"));
    }

    /** selfheal_source_lag_bytes per tailed file, and readiness DOWN while one is stalled. */
    private void watchFileLag(CamelContext camel, SelfhealSettings settings, Clock clock) {
        Registry registry = camel.getRegistry();
        fileLag = new FileSourceLag(settings.files(), registry.lookupByNameAndType("sourceStats", SourceStats.class),
                clock, () -> registry.findSingleByType(MeterRegistry.class)).start();
        registry.lookupByNameAndType("selfhealHealthChecks", SelfhealHealthChecks.class)
                .add(new StalledSourcesHealthCheck(fileLag::stalled));
    }

    /** The {@code diagnoser} bean: LLM providers with failover when configured, else the rule-based analyzer. */
    private static void bindDiagnosis(CamelContext camel, Database database, ObjectMapper json) {
        DiagnosisWiring.bind(camel, key -> camel.getPropertiesComponent().resolveProperty(key), System::getenv,
                database.dataSource(), json);
    }

    /**
     * The miner persisted in PostgreSQL and warmed with the most recent groups, the rules file, manual merges and
     * splits (kept in step by the grouping-sync route), the fingerprinter using them and the fingerprint API.
     */
    private void bindGrouping(Registry registry, SelfhealSettings settings, Database database, ObjectMapper json) {
        PostgresMinerStateStore minerStore = new PostgresMinerStateStore(database.dataSource(), json);
        TemplateMiner miner = new TemplateMiner(MinerConfig.defaults(), minerStore, Clock.systemUTC());
        int warmed = miner.warm(settings.groupingWarmGroupsPerService());
        GroupOverrideStore overrideStore = new GroupOverrideStore(database.dataSource());
        try {
            grouping = new GroupingState(miner, minerStore, overrideStore);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read manual merges and splits", e);
        }
        GroupingRulesFile rules = new GroupingRulesFile(settings.groupingRulesFile());
        LOG.info("Grouping: {} groups loaded, rules file {}", warmed, rules.path().toAbsolutePath());
        registry.bind("groupingRules", rules);
        registry.bind("groupingState", grouping);
        registry.bind("fingerprinter", Fingerprinter.of(miner, rules, grouping, settings.minStoredLevel()));
        registry.bind("fingerprintApi", new FingerprintApi(overrideStore, grouping, json));
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (grouping != null) {
            try {
                grouping.sync(); // the groups changed since the last tick
            } catch (SQLException e) {
                LOG.warn("Could not write the last miner changes: {}", e.getMessage());
            }
            grouping = null;
        }
        if (fileLag != null) {
            fileLag.close();
            fileLag = null;
        }
        if (demo != null) {
            demo.close();
            demo = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
