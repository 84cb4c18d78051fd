package io.selfheal.heal.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.api.ApiResponses;
import io.selfheal.api.HealingControl;
import io.selfheal.assess.Assessment;
import io.selfheal.assess.AssessmentSettings;
import io.selfheal.assess.AssessmentStore;
import io.selfheal.assess.RateMeasurer;
import io.selfheal.assess.SeverityClassifier;
import io.selfheal.config.SettingsReader;
import io.selfheal.heal.HealingCoordinator;
import io.selfheal.heal.HealingLedger;
import io.selfheal.heal.HealingMandate;
import io.selfheal.heal.HealingStrategy;
import io.selfheal.heal.RiskLevel;
import io.selfheal.heal.RoutingFacts;
import io.selfheal.heal.StrategyCatalog;
import io.selfheal.heal.StrategyDemotion;
import io.selfheal.heal.SuccessRates;
import io.selfheal.heal.action.ActionDispatch;
import io.selfheal.heal.action.ActionSettings;
import io.selfheal.heal.action.ActionTrust;
import io.selfheal.heal.guard.GuardrailSettings;
import io.selfheal.heal.guard.GuardrailStateStore;
import io.selfheal.heal.guard.Guardrails;
import io.selfheal.heal.strategy.BuiltInStrategies;
import io.selfheal.heal.verify.VerificationRule;
import io.selfheal.heal.verify.Verifier;
import io.selfheal.llm.RuleBasedDiagnoser;
import io.selfheal.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.util.URISupport;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Binds assessment, healing and the healing API into the Camel registry, and a clustered Quartz on our PostgreSQL. */
public final class HealingWiring {
    /** Same on every node: Quartz clusters the schedulers of one instance name. */
    private static final String QUARTZ_INSTANCE_NAME = "selfheal";
    private static final List<String> WEBHOOK_STRATEGIES = List.of(
            "rollback-deployment", "clear-cache", "open-circuit-breaker", "open-circuit-breaker.undo",
            "disable-feature-flag", "disable-feature-flag.undo", "retry-failed-job");

    private HealingWiring() {
    }

    public static void bind(CamelContext camel, Database database, Clock clock, ObjectMapper json) {
        SettingsReader s = new SettingsReader(key -> camel.getPropertiesComponent().resolveProperty(key));
        Registry registry = camel.getRegistry();
        String instanceId = instanceId();

        ActionSettings actions = actionSettings(s);
        GuardrailSettings guardrailSettings = new GuardrailSettings(
                s.bool("selfheal.healing.dry-run"),
                s.duration("selfheal.healing.cooldown"),
                s.integer("selfheal.healing.max-actions-per-service-per-hour"),
                s.integer("selfheal.healing.max-concurrent"),
                RiskLevel.valueOf(s.required("selfheal.healing.approval-risk").toUpperCase(Locale.ROOT)),
                s.duration("selfheal.healing.approval-ttl"),
                s.integer("selfheal.healing.max-services-per-hour"));
        AssessmentSettings assessmentSettings = new AssessmentSettings(
                s.duration("selfheal.assess.window"),
                s.duration("selfheal.assess.baseline-window"),
                s.integer("selfheal.assess.min-occurrences"),
                s.decimal("selfheal.assess.spike-factor"),
                s.duration("selfheal.assess.new-fingerprint-age"),
                s.integer("selfheal.assess.escalate-after-failures"),
                s.duration("selfheal.assess.escalate-critical-after"));

        HealingLedger ledger = new HealingLedger(database.dataSource(), json);
        SuccessRates successRates = new SuccessRates(database.dataSource());
        for (HealingStrategy strategy : BuiltInStrategies.create(actions, json, clock)) {
            registry.bind("strategy-" + strategy.name(), HealingStrategy.class, strategy);
        }
        StrategyCatalog catalog = new StrategyCatalog(() -> registry.findByType(HealingStrategy.class), successRates);
        GuardrailStateStore guardrailState = new GuardrailStateStore();

        registry.bind("assessment", new Assessment(new AssessmentStore(database.dataSource(), json),
                new RateMeasurer(assessmentSettings, new SeverityClassifier()), assessmentSettings, instanceId, clock));
        // Used by the retention-schedule route (routes/assessment.yaml), which calls cleanup_old_healing_data().
        registry.bind("retentionPeriod", s.duration("selfheal.retention.period"));
        registry.bind("healingCoordinator", new HealingCoordinator(ledger, guardrailState, new Guardrails(guardrailSettings),
                catalog, s.duration("selfheal.healing.verify-after"), instanceId, clock));
        registry.bind("verifier", new Verifier(ledger, catalog, new VerificationRule(
                s.decimal("selfheal.healing.verify-success-ratio"), s.decimal("selfheal.healing.verify-failure-ratio")),
                instanceId, clock));
        registry.bind("strategyCatalog", catalog);
        registry.bind("successRates", successRates);
        StrategyDemotion demotion = new StrategyDemotion(s.integer("selfheal.healing.demote-after-failures"));
        registry.bind("routingFacts", new RoutingFacts(demotion));
        registry.bind("healingMandate", new HealingMandate(catalog, demotion));
        registry.bind("actionDispatch", new ActionDispatch(uri -> hasConsumer(camel, uri)));
        if (registry.lookupByName("diagnoser") == null) {
            registry.bind("diagnoser", new RuleBasedDiagnoser());
        }
        registry.bind("apiResponses", new ApiResponses());
        registry.bind("healingControl", new HealingControl(database.dataSource(), guardrailState, guardrailSettings.dryRun()));

        long timeout = s.duration("selfheal.actions.timeout").toMillis();
        registry.bind("actionhttp", actionHttp(actions, timeout));
        registry.bind("actionkafka", actionKafka(actions, timeout));
        registry.bind("quartz", quartz(database, instanceId));
    }

    /** The one HTTP endpoint every HTTP action goes through; trusts the extra CA file's authorities when one is set. */
    private static HttpComponent actionHttp(ActionSettings actions, long timeout) {
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout(timeout);
        http.setConnectionRequestTimeout(timeout);
        http.setSoTimeout(timeout);
        http.setResponseTimeout(timeout);
        if (actions.kubernetesCaFile() != null) {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setTrustManager(ActionTrust.withAuthoritiesFrom(Path.of(actions.kubernetesCaFile())));
            SSLContextParameters ssl = new SSLContextParameters();
            ssl.setTrustManagers(trust);
            http.setSslContextParameters(ssl);
        }
        return http;
    }

    /** Kafka commands: sent synchronously, failing within the action timeout when the brokers cannot take them. */
    private static KafkaComponent actionKafka(ActionSettings actions, long timeout) {
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers(actions.kafkaBrokers());
        configuration.setSynchronous(true);
        configuration.setMaxBlockMs((int) timeout);
        configuration.setRequestTimeoutMs((int) timeout);
        configuration.setLingerMs(0);
        configuration.setDeliveryTimeoutMs((int) timeout);
        KafkaComponent kafka = new KafkaComponent();
        kafka.setConfiguration(configuration);
        return kafka;
    }

    private static ActionSettings actionSettings(SettingsReader s) {
        Map<String, String> templates = new HashMap<>();
        for (String name : WEBHOOK_STRATEGIES) {
            templates.put(name, s.required("selfheal.actions.webhook.template." + name));
        }
        return new ActionSettings(
                s.optional("selfheal.actions.webhook.url"), s.optional("selfheal.actions.webhook.token"), templates,
                s.optional("selfheal.actions.kubernetes.url"), s.optional("selfheal.actions.kubernetes.token"),
                s.optional("selfheal.actions.kubernetes.ca-file"), s.required("selfheal.actions.kubernetes.namespace"),
                s.integer("selfheal.actions.kubernetes.scale-out-replicas"),
                s.integer("selfheal.actions.kubernetes.scale-in-replicas"),
                s.required("selfheal.actions.pagerduty.url"), s.optional("selfheal.actions.pagerduty.routing-key"),
                s.optional("selfheal.actions.slack.webhook-url"),
                s.optional("selfheal.actions.kafka.brokers"), s.required("selfheal.actions.kafka.topic"),
                s.required("selfheal.actions.kafka.template"));
    }

    /**
     * Quartz's clustered JDBC job store in our PostgreSQL (tables from V4), using the application's pool: the pool
     * is registered with Quartz under a name unique to this instance, and never closed by Quartz.
     */
    private static QuartzComponent quartz(Database database, String instanceId) {
        String dataSourceName = "selfheal-" + instanceId;
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return database.dataSource().getConnection();
            }

            @Override
            public void shutdown() {
                // The pool belongs to Database, which closes it after Camel stopped.
            }

            @Override
            public void initialize() {
                // Nothing to set up: the pool is already running.
            }
        });
        Map<String, Object> p = new HashMap<>();
        p.put("org.quartz.scheduler.instanceName", QUARTZ_INSTANCE_NAME);
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "2");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.dataSource", dataSourceName);
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.isClustered", "true");
        // Short check-ins and idle waits: a node that stops hands its triggers over within seconds.
        p.put("org.quartz.jobStore.clusterCheckinInterval", "1000");
        p.put("org.quartz.scheduler.idleWaitTime", "1000");
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(p);
        // Every node must use the same scheduler name, not one prefixed with its own Camel context name.
        quartz.setPrefixInstanceName(false);
        return quartz;
    }

    private static boolean hasConsumer(CamelContext camel, String endpointUri) {
        try {
            String wanted = URISupport.normalizeUri(endpointUri);
            for (Route route : camel.getRoutes()) {
                if (URISupport.normalizeUri(route.getEndpoint().getEndpointUri()).equals(wanted)) {
                    return true;
                }
            }
            return false;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an endpoint URI: " + endpointUri, e);
        }
    }

    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
