package io.selfheal.llm;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    private final Redactor redactor = new Redactor(RedactionSettings.defaults());

    @Test
    void theSameValueGetsTheSamePlaceholderWithinOnePrompt() {
        Redaction redaction = redactor.session();
        String first = redaction.apply("login failed for ann@example.com, then bob@example.com");
        String second = redaction.apply("retry for ann@example.com with password=hunter2x");
        assertThat(first).isEqualTo("login failed for <EMAIL_1>, then <EMAIL_2>");
        assertThat(second).isEqualTo("retry for <EMAIL_1> with password=<SECRET_1>");
        assertThat(redaction.counts()).containsEntry("email", 3).containsEntry("secret_assignment", 1);
        // A new prompt starts numbering afresh: placeholders mean nothing outside their prompt.
        assertThat(redactor.session().apply("bob@example.com")).isEqualTo("<EMAIL_1>");
    }

    @Test
    void checksumsKeepLookalikeNumbersAndWordsKeepTheirMeaning() {
        String text = "order 4111111111111112 failed; card 4111 1111 1111 1111 declined; Bearer authentication failed;"
                + " token expired for orders-db.internal:5432; java.lang.IllegalStateException at com.acme.Foo.bar(Foo.java:12);"
                + " DE89 3704 0044 0532 0130 01 is no IBAN; DE89 3704 0044 0532 0130 00 is one; built at 2024-05-01 10:00:00;"
                + " commit 3f786850e387550fdab836ed7e6dc881de23001b; tests passed: 42";
        String redacted = redactor.session().apply(text);
        assertThat(redacted).contains("order 4111111111111112 failed", "card <CARD_1> declined", "Bearer authentication failed",
                "token expired for orders-db.internal:5432", "java.lang.IllegalStateException at com.acme.Foo.bar(Foo.java:12)",
                "DE89 3704 0044 0532 0130 01 is no IBAN", "<IBAN_1> is one", "2024-05-01 10:00:00",
                "commit 3f786850e387550fdab836ed7e6dc881de23001b", "tests passed: 42");
    }

    @Test
    void ipAddressesAndUserPatternsAreOptIn() {
        String text = "connect to 10.1.2.3 failed for CUST-004211";
        assertThat(redactor.session().apply(text)).isEqualTo(text);
        Redactor strict = new Redactor(new RedactionSettings(true, List.of(Pattern.compile("CUST-\\d{6}"))));
        assertThat(strict.session().apply(text)).isEqualTo("connect to <IP_1> failed for <CUSTOM_1>");
    }

    @Test
    void quotedAndStructuredSecretsLoseOnlyTheirValue() {
        String redacted = redactor.session().apply(
                "{\"db_password\":\"s3cr3t with spaces\",\"user\":\"app\"} Server=orders-db.internal;Pwd=Xy12!ab;"
                        + " jdbc:postgresql://orders-db.internal:5432/orders?user=app&password=Qw3rty99");
        assertThat(redacted).isEqualTo("{\"db_password\":\"<SECRET_1>\",\"user\":\"<USER_1>\"} Server=orders-db.internal;Pwd=<SECRET_2>;"
                + " jdbc:postgresql://orders-db.internal:5432/orders?user=<USER_1>&password=<SECRET_3>");
    }

    @Test
    void keysNamingAPersonOrAnAccountLoseTheirValue() {
        String text = "user=alice username=bob login=carol account=acme-eu customer_id=48213 {\"user\":\"dave\"}"
                + " X-User-Id: u-99812 accountNumber='AC 7781' spring.datasource.username=orders_rw owner: \"erin\"";
        assertThat(redactor.session().apply(text)).isEqualTo("user=<USER_1> username=<USER_2> login=<USER_3>"
                + " account=<USER_4> customer_id=<USER_5> {\"user\":\"<USER_6>\"} X-User-Id: <USER_7>"
                + " accountNumber='<USER_8>' spring.datasource.username=<USER_9> owner: \"<USER_10>\"");
        // Keys about people but naming something else, several of them, or a small system id keep their value.
        String kept = "user_agent=curl/8.5.0 users=42 user_count=3 account_type=premium email_enabled=true"
                + " user=0 USER_ROTATION_LOCKED logname= uid=1000";
        assertThat(redactor.session().apply(kept)).isEqualTo(kept);
    }

    @Test
    void userNamesInCommonMessageShapesAreReplaced() {
        Redaction redaction = redactor.session();
        assertThat(redaction.apply("login failed for user alice")).isEqualTo("login failed for user <USER_1>");
        assertThat(redaction.apply("User 'bob.smith' locked after 5 attempts")).isEqualTo("User '<USER_2>' locked after 5 attempts");
        assertThat(redaction.apply("sshd[811]: Invalid user admin from 203.0.113.9 port 4022"))
                .isEqualTo("sshd[811]: Invalid user <USER_3> from 203.0.113.9 port 4022");
        assertThat(redaction.apply("sshd[812]: Failed password for root from 203.0.113.9 port 4023 ssh2"))
                .isEqualTo("sshd[812]: Failed password for <USER_4> from 203.0.113.9 port 4023 ssh2");
        assertThat(redaction.apply("Failed password for invalid user alice from 203.0.113.9"))
                .isEqualTo("Failed password for invalid user <USER_1> from 203.0.113.9");
        // Where "user" is no name's introduction, the words stay.
        String kept = "user not found; Invalid user name or password; token expired for user session 42 of 100;"
                + " check pass; user unknown; for user with id 5 retry";
        assertThat(redactor.session().apply(kept)).isEqualTo(kept);
    }

    @Test
    void passwordShapedTokensAreSecretsWithoutAKey() {
        assertThat(redactor.session().apply("retrying with S3cr3tP@ssw0rd!2026 after reset"))
                .isEqualTo("retrying with <SECRET_1> after reset");
        assertThat(redactor.session().apply("bootstrap secret Sommer2024! and o8Wbx6S8vBR1dw0 rotated"))
                .isEqualTo("bootstrap secret <SECRET_1> and <SECRET_2> rotated");
        // Identifiers mix classes too, but in parts that read as names, numbers, versions or hexadecimal ids.
        String kept = "java.lang.NullPointerException HikariPool-1 ORD-2024-88213 payments-api.internal:8443"
                + " org.apache.hadoop.http.HttpServer2$QuotingInputFilter org.slf4j.impl.Log4jLoggerAdapter"
                + " 2024-05-01T10:00:00.370Z f47ac10b-58cc-4372-a567-0e02b2c3d479 3f786850e387550fdab836ed7e6dc881de23001b"
                + " com.acme.Cart@6d06d69c x86_64 SQLSTATE 08006 28P01 HTTP 503 Xcode9.2 AppWindowToken{9f4ef63}"
                + " steps0mLastReport7214 /p/gb2/glosli/8M_5000K/t800 req-6b8f0c42-a8aa-4947-918c-2412b0a5d3a9";
        assertThat(redactor.session().apply(kept)).isEqualTo(kept);
    }

    @Test
    void theProjectsSampleTracesKeepTheirDiagnosticText() throws Exception {
        Pattern diagnostic = Pattern.compile("[\\w.$]*(?:Exception|Error)\\b|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)+(?::\\d+)?\\b|\\b[1-5]\\d\\d\\b");
        Path root = Path.of("src/test/resources/stacktraces");
        List<Path> samples;
        try (Stream<Path> files = Files.walk(root)) {
            samples = files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".tsv")).toList();
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(10);
        for (Path sample : samples) {
            String text = Files.readString(sample);
            Redaction redaction = redactor.session();
            String redacted = redaction.apply(text);
            Matcher m = diagnostic.matcher(text);
            while (m.find()) {
                assertThat(redacted).as(sample + " keeps " + m.group()).contains(m.group());
            }
            // Whatever changed there is a user name, nothing else.
            assertThat(redaction.counts().keySet()).as(sample.toString()).isSubsetOf("user_assignment", "user_in_message");
        }
    }
}
