package io.selfheal.grouping;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class LogFormatTest {
    private static final Pattern FIELD = Pattern.compile("<([^<>]+)>");

    @Test
    void splitsLoghubStyleLines() {
        LogFormat format = LogFormat.parse("<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>");
        String line = "  2015-10-18 18:01:47,978 INFO [main] org.apache.Foo: Created MRAppMaster: for app 1  ";
        assertThat(format.field(line, "Process")).isEqualTo("main");
        assertThat(format.field(line, "Component")).isEqualTo("org.apache.Foo");
        assertThat(format.field(line, "Content")).isEqualTo("Created MRAppMaster: for app 1");
        assertThat(format.field("no header", "Content")).isNull();
    }

    @Test
    void decodesUtf8AndStripsUnicodeWhitespace() {
        LogFormat format = LogFormat.parse("<Level>: <Content>");
        assertThat(format.field("\u3000WARN: café 日本 \u2003", "Content")).isEqualTo("café 日本");
        assertThat(format.field("WARN: a\u2028b", "Content")).isNull(); // '.' of the regex stops at U+2028
    }

    /** The hand-written matcher picks the same split as the regex on lines made to trip it. */
    @Test
    void agreesWithTheRegexOnRandomLines() {
        List<String> formats = List.of(
                "<Date> <Time> <Pid> <Level> <Component>: <Content>",
                "<Date> <Time>  <Pid>  <Tid> <Level> <Component>: <Content>",
                "<Time>\\|<Component>\\|<Pid>\\|<Content>",
                "\\[<Time>\\] <Program> - <Content>",
                "<A><B>: <Content>",
                " <A>  <Content> ",
                "<A>:<B>:<Content>:");
        String alphabet = "  \t::[]|--ab1é\u2028\u0085\u3000\u00a0\r\n日";
        Random random = new Random(42);
        for (String text : formats) {
            LogFormat fast = LogFormat.parse(text);
            LogFormat regex = LogFormat.parseAsRegex(text);
            Matcher names = FIELD.matcher(text);
            List<String> fields = names.results().map(m -> m.group(1)).toList();
            for (int n = 0; n < 4_000; n++) {
                StringBuilder line = new StringBuilder();
                int length = random.nextInt(24);
                for (int i = 0; i < length; i++) {
                    line.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                for (String field : fields) {
                    assertThat(fast.field(line.toString(), field))
                            .as("%s on \"%s\"", field, line)
                            .isEqualTo(regex.field(line.toString(), field));
                }
            }
        }
    }

    @Test
    void formatsWithRegexSyntaxKeepTheRegex() {
        LogFormat format = LogFormat.parse("<Level> [0-9]+ <Content>");
        assertThat(format.field("INFO 42 started", "Content")).isEqualTo("started");
        assertThat(format.field("INFO x started", "Content")).isNull();
    }
}
