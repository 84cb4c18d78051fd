package io.selfheal.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A server listening beyond loopback with no ingest token says so at start-up; otherwise nothing is logged. */
class IngestWarningTest {
    @Test
    void warnsOnlyWhenIngestIsOpenToTheNetwork() throws Exception {
        assertThat(warningsFor(null, null)).hasSize(1).allMatch(w -> w.contains("selfheal.api.ingest-token"));
        assertThat(warningsFor("0.0.0.0", null)).hasSize(1);
        assertThat(warningsFor("10.1.2.3", null)).hasSize(1);
        assertThat(warningsFor("127.0.0.1", null)).isEmpty();
        assertThat(warningsFor("localhost", null)).isEmpty();
        assertThat(warningsFor("0.0.0.0", "push-token")).isEmpty();
    }

    @Test
    void loopbackAddresses() {
        assertThat(HttpGate.isLoopback("127.0.0.1")).isTrue();
        assertThat(HttpGate.isLoopback("::1")).isTrue();
        assertThat(HttpGate.isLoopback("0.0.0.0")).isFalse();
        assertThat(HttpGate.isLoopback("::")).isFalse();
        assertThat(HttpGate.isLoopback("")).isFalse();
    }

    private static List<String> warningsFor(String host, String ingestToken) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(HttpGate.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            HttpGate.install(camel, new ApiAuth("op", null, ingestToken));
            MainHttpServer server = new MainHttpServer();
            server.setHost(host);
            server.setPort(8080);
            camel.addService(server, true, false);
            return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
        } finally {
            logger.detachAppender(appender);
        }
    }
}
