package io.selfheal.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.selfheal.api.ApiWiring;
import io.selfheal.fingerprint.Fingerprinter;
import io.selfheal.fingerprint.mining.MinerConfig;
import io.selfheal.fingerprint.mining.TemplateMiner;
import io.selfheal.heal.wiring.HealingWiring;
import io.selfheal.ingest.IngestNormalizer;
import io.selfheal.ingest.Level;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.source.SourceStats;
import io.selfheal.observe.SelfhealMetrics;
import io.selfheal.store.EventStore;
import io.selfheal.store.GroupOverrideStore;
import io.selfheal.store.GroupingState;
import io.selfheal.store.PostgresMinerStateStore;
import io.selfheal.store.IngestBatchWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;

/**
 * camel-test-junit5 for Selfheal's real route files: a test {@link #load}s files of src/main/resources/routes (or
 * any other route file), binds the beans they call, advises them ({@code AdviceWith}) and then starts the context
 * itself with {@code context.start()}. See docs/routes-testing.md.
 */
public abstract class YamlRouteTestSupport extends CamelTestSupport {
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private int httpPort;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        // Routes are advised before the context starts; each test starts it.
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        return DevTooling.off(super.createCamelContext());
    }

    /** Loads route files, e.g. {@code "classpath:routes/healing-router.yaml"} or {@code "file:routes/my.yaml"}. */
    protected void load(String... locations) throws Exception {
        for (String location : locations) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, location));
        }
    }

    /** The service's application.properties, so {@code {{selfheal.*}}} placeholders resolve, with overrides on top. */
    protected void useAppProperties(Map<String, String> overrides) {
        Properties p = new Properties();
        p.putAll(overrides);
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(p);
    }

    /**
     * The platform-http server the service runs (camel.server.*), on a free loopback port, serving the {@code rest:}
     * and {@code platform-http:} routes loaded; call before {@code context.start()}.
     */
    protected void serveHttp() throws Exception {
        httpPort = RunningApp.freePort();
        MainHttpServer server = new MainHttpServer();
        server.setHost("127.0.0.1");
        server.setPort(httpPort);
        context.addService(server, true, true);
        context.getRestConfiguration().setComponent("platform-http");
    }

    /** A request to the server of {@link #serveHttp()}, e.g. {@code send(request("/api/v1/sources").header(...))}. */
    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One request to the server of {@link #serveHttp()}; {@code body} null for none. */
    protected HttpResponse<String> http(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http("GET", path, null, null);
    }

    /**
     * The beans of routes/ingest.yaml as the service binds them: the real normalizer, fingerprinter and batch writer
     * storing into {@code database}, progress counted in {@code stats}.
     */
    protected void bindIngest(DataSource database, SourceStats stats) {
        context.getRegistry().bind("ingestNormalizer", new IngestNormalizer(new LogParser(), JSON, Clock.systemUTC(),
                Level.WARN));
        context.getRegistry().bind("fingerprinter", Fingerprinter.withDefaults(Level.WARN));
        context.getRegistry().bind("batchWriter", new IngestBatchWriter(new EventStore(database),
                new SelfhealMetrics(new SimpleMeterRegistry())));
        context.getRegistry().bind("sourceStats", stats);
    }

    /**
     * Every bean of the healing and API routes (healing-api.yaml, dashboard.yaml...), wired by the service's own
     * {@code HealingWiring} and {@code ApiWiring} against the test PostgreSQL; call after {@link #useAppProperties}.
     */
    protected void bindApi() {
        context.getRegistry().bind("dataSource", TestDatabase.get().dataSource());
        HealingWiring.bind(context, TestDatabase.get().database(), Clock.systemUTC(), JSON);
        ApiWiring.bind(context, TestDatabase.get().database(), JSON, Clock.systemUTC());
    }

    /** A PostgreSQL address nothing listens on: every connection is refused at once (a database that is down). */
    protected static DataSource unreachableDatabase() throws IOException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {RunningApp.freePort()});
        dataSource.setDatabaseName("selfheal");
        return dataSource;
    }

    /** The grouping state the service keeps (persisted miner, merges and splits) on the test PostgreSQL. */
    protected static GroupingState groupingState() throws SQLException {
        DataSource database = TestDatabase.get().dataSource();
        PostgresMinerStateStore minerStore = new PostgresMinerStateStore(database, JSON);
        return new GroupingState(new TemplateMiner(MinerConfig.defaults(), minerStore, Clock.systemUTC()), minerStore,
                new GroupOverrideStore(database));
    }

    /** Stores an error group (a row of error_fingerprints, level ERROR, seen now) for a test's fixtures. */
    protected static void errorGroup(String id, String service, String errorType, String template) {
        TestDatabase.get().execute("INSERT INTO error_fingerprints (id, service, error_type, template, level, first_seen, last_seen) "
                + "VALUES ('%s', '%s', '%s', '%s', 'ERROR', now(), now())".formatted(id, service, errorType, template));
    }

    /** The first column of the first row of a query on the test PostgreSQL, as text (null for SQL NULL). */
    protected static String text(String sql) throws SQLException {
        try (Connection c = TestDatabase.get().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row for " + sql);
            }
            return rs.getString(1);
        }
    }
}
