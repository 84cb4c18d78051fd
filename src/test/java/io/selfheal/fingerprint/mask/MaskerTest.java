package io.selfheal.fingerprint.mask;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskerTest {

    @Test
    void masksTypedValues() {
        assertThat(Masker.mask("conn from 10.0.0.1:8080 to fe80::1 id 123e4567-e89b-12d3-a456-426614174000"))
                .isEqualTo("conn from <ip> to <ip> id <uuid>");
        assertThat(Masker.mask("GET http://a.b/c?x=1 took 15ms, size 1.5 at 2024-01-02T03:04:05 addr 0x7fff1234"))
                .isEqualTo("GET <url> took <duration>, size <float> at <date> addr <hex>");
        assertThat(Masker.mask("mail bob@example.com host db1.example.org file /var/log/x.log hash deadbeef42"))
                .isEqualTo("mail <email> host <hostname> file <path> hash <hex>");
        assertThat(Masker.mask("at 12:30:45,123 on Thu Aug 17 count 42"))
                .isEqualTo("at <date> on <date> <date> <int> count <int>");
    }

    @Test
    void keepsKeysAndMasksValues() {
        assertThat(Masker.mask("uid=1000, name=\"a b\", ws=null state:false r:7"))
                .isEqualTo("uid=<int>, name=<quoted>, ws=<bool> state:<bool> r:<int>");
        assertThat(Masker.mask("removeNotification:0|com.x.y|1 depth.........12"))
                .isEqualTo("removeNotification:<int>|<*>|<int> depth.........<int>");
    }

    @Test
    void digitBearingWordsAreIdentifiersAndPlainWordsStay() {
        assertThat(Masker.mask("block blk_-1608 terminating  now")).isEqualTo("block <*> terminating now");
    }

    /** Letters and one digit name something (an interface, a protocol); the miner decides whether they vary. */
    @Test
    void namesWithAOneDigitIndexStayWords() {
        assertThat(Masker.mask("link eth0 up via SOCKS5 and IPV6 for test1"))
                .isEqualTo("link eth0 up via SOCKS5 and IPV6 for test1");
        assertThat(Masker.mask("node7-a supports C1 on x86_64 an14 pool2b eth0:1"))
                .isEqualTo("<*> supports <*> on <*> <*> <*> eth0:<int>");
    }

    @Test
    void tokenizeKeepsOriginalWordsAndFlags() {
        MaskedMessage m = Masker.tokenize("took 5 s");
        assertThat(m.tokens()).containsExactly("took", "<int>", "s");
        assertThat(m.words()).containsExactly("took", "5", "s");
        assertThat(m.variable()).containsExactly(false, true, false);
        assertThat(m.text()).isEqualTo(Masker.mask("took 5 s"));
    }
}
