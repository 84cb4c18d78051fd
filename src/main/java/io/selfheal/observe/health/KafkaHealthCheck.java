package io.selfheal.observe.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** UP when the configured Kafka cluster answers a metadata request; UP with "not configured" when Kafka is off. */
public final class KafkaHealthCheck extends AbstractHealthCheck {
    private static final int TIMEOUT_MS = 3000;
    private final String bootstrapServers;

    /** @param bootstrapServers the cluster to ask, or null when no Kafka source is configured */
    public KafkaHealthCheck(String bootstrapServers) {
        super("selfheal", "kafka");
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (bootstrapServers == null) {
            builder.up().message("not configured");
            return;
        }
        builder.detail("bootstrap.servers", bootstrapServers);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        try (Admin admin = Admin.create(config)) {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            builder.up().detail("brokers", brokers);
        } catch (ExecutionException | TimeoutException e) {
            builder.down().message("Kafka did not answer: " + e.getMessage()).error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("Interrupted while asking Kafka");
        }
    }
}
