package io.selfheal.llm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

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
        assertThat(redacted).isEqualTo("{\"db_password\":\"<SECRET_1>\",\"user\":\"app\"} Server=orders-db.internal;Pwd=<SECRET_2>;"
                + " jdbc:postgresql://orders-db.internal:5432/orders?user=app&password=<SECRET_3>");
    }
}
