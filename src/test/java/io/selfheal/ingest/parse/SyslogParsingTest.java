package io.selfheal.ingest.parse;

import static io.selfheal.ingest.parse.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.selfheal.ingest.Level;
import io.selfheal.ingest.LogEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Syslog messages as a syslog server receives them: PRI severity is the level, APP-NAME or TAG the service. */
class SyslogParsingTest {

    @Test
    void rfc5424WithStructuredData() {
        LogEvent event = parse("<11>1 2024-03-12T14:04:59.123Z web-01 payments 4711 ID47 "
                + "[exampleSDID@32473 iut=\"3\" note=\"a \\] bracket\"] charge 991 failed: connection refused");
        assertThat(event.level()).isEqualTo(Level.ERROR); // 11 = user.err
        assertThat(event.service()).isEqualTo("payments");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T14:04:59.123Z"));
        assertThat(event.message()).isEqualTo("charge 991 failed: connection refused");
        assertThat(event.labels()).containsEntry("host", "web-01").containsEntry("pid", "4711")
                .containsEntry("msgid", "ID47").containsEntry("facility", "user").containsEntry("env", "prod");
    }

    @Test
    void rfc5424WithNilFieldsAndBom() {
        LogEvent event = parse("<165>1 - - - - - - \uFEFFdisk almost full");
        assertThat(event.level()).isEqualTo(Level.INFO); // 165 = local4.notice
        assertThat(event.service()).isEqualTo("orders"); // no APP-NAME: the source's default
        assertThat(event.timestamp()).isEqualTo(Parsing.RECEIVED_AT);
        assertThat(event.message()).isEqualTo("disk almost full");
        assertThat(event.labels()).containsEntry("facility", "local4").doesNotContainKeys("host", "pid", "msgid");
    }

    @Test
    void rfc3164WithHostnameAndPid() {
        LogEvent event = parse("<27>Mar 12 14:04:59 db-02 postgres[812]: FATAL: too many connections for role \"app\"");
        assertThat(event.level()).isEqualTo(Level.ERROR); // 27 = daemon.err; the text's own "FATAL:" is message
        assertThat(event.service()).isEqualTo("postgres");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-03-12T14:04:59Z"));
        assertThat(event.message()).isEqualTo("FATAL: too many connections for role \"app\"");
        assertThat(event.labels()).containsEntry("host", "db-02").containsEntry("pid", "812")
                .containsEntry("facility", "daemon");
    }

    @Test
    void rfc3164WithoutHostnameAsLocalDaemonsSendIt() {
        LogEvent event = parse("<12>Mar  2 09:00:00 cron: job backup exited with 3");
        assertThat(event.level()).isEqualTo(Level.WARN);
        assertThat(event.service()).isEqualTo("cron");
        assertThat(event.message()).isEqualTo("job backup exited with 3");
        assertThat(event.labels()).doesNotContainKey("host");
    }

    @Test
    void severitiesMapToLevels() {
        assertThat(parse("<8>app: x").level()).isEqualTo(Level.FATAL);   // user.emerg
        assertThat(parse("<10>app: x").level()).isEqualTo(Level.FATAL);  // user.crit
        assertThat(parse("<14>app: x").level()).isEqualTo(Level.INFO);   // user.info
        assertThat(parse("<15>app: x").level()).isEqualTo(Level.DEBUG);  // user.debug
    }

    @Test
    void multiLineMessageKeepsItsStackTrace() {
        String record = "<11>1 2024-03-12T14:04:59Z web-01 billing - - - invoice render failed\n"
                + "java.lang.IllegalStateException: template missing\n\tat com.acme.Render.run(Render.java:12)";
        LogEvent event = parse(record);
        assertThat(event.service()).isEqualTo("billing");
        assertThat(event.stackTrace()).isEqualTo(Parsing.afterFirstLine(record));
    }

    @Test
    void aLineThatOnlyLooksLikeSyslogIsPlainText() {
        assertThat(parse("<999> not a priority").labels()).doesNotContainKey("facility");
        assertThat(parse("<b>bold</b> ERROR text").labels()).doesNotContainKey("facility");
    }
}
