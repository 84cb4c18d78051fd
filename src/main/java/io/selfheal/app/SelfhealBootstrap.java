package io.selfheal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.demo.DemoLogWriter;
import io.selfheal.fingerprint.Fingerprinter;
import io.selfheal.ingest.IngestNormalizer;
import io.selfheal.ingest.file.FileTailer;
import io.selfheal.ingest.http.HttpErrorResponder;
import io.selfheal.ingest.http.HttpLogDecoder;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.observe.ObserveWiring;
import io.selfheal.observe.SelfhealMetrics;
import io.selfheal.store.CheckpointStore;
import io.selfheal.store.Database;
import io.selfheal.store.EventStore;
import io.selfheal.store.IngestBatchWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * Starts the database (embedded or external) and binds the pipeline's beans before Camel loads the routes, so
 * migrations have run by the time any route starts; closes the database after Camel stopped.
 */
final class SelfhealBootstrap extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(SelfhealBootstrap.class);
    private Database database;
    private DemoLogWriter demo;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        bind(main.getCamelContext());
    }

    /** Starts the database and binds every bean the routes use; also the entry point of {@link SelfhealConfiguration}. */
    void bind(CamelContext camel) {
        SelfhealSettings settings = new SelfhealSettings(key -> camel.getPropertiesComponent().resolveProperty(key));
        database = Database.start(settings.database());
        LOG.info(database.isEmbedded() ? "Embedded PostgreSQL ready at {} (user postgres)" : "Using PostgreSQL at {}",
                database.jdbcUrl());

        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();
        SelfhealMetrics metrics = ObserveWiring.bind(camel, database.dataSource(), clock);
        LogParser parser = new LogParser();
        EventStore eventStore = new EventStore(database.dataSource());
        IngestNormalizer normalizer = new IngestNormalizer(parser, json, clock);
        HttpLogDecoder httpDecoder = new HttpLogDecoder(parser, normalizer, json, clock);

        Registry registry = camel.getRegistry();
        registry.bind("database", database);
        registry.bind("ingestNormalizer", normalizer);
        registry.bind("fingerprinter", Fingerprinter.withDefaults(settings.minStoredLevel()));
        registry.bind("batchWriter", new IngestBatchWriter(eventStore, metrics));
        registry.bind("fileTailer", new FileTailer(settings.files(), new CheckpointStore(database.dataSource()), parser, clock));
        registry.bind("httpLogDecoder", httpDecoder);
        registry.bind("httpErrors", new HttpErrorResponder(httpDecoder, eventStore, metrics));

        if (settings.demo()) {
            try {
                demo = new DemoLogWriter(settings.files().directory()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the demo log writer", e);
            }
        }
    }

    @Override
    public void afterStop(BaseMainSupport main) {
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
