package io.selfheal.ingest.parse;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MultilineAssemblerProperties {

    /** The assembler only groups lines: it never throws, loses, repeats or reorders one that carries anything. */
    @Property(tries = 300)
    void everyNonBlankLineEndsUpInExactlyOneRecordInItsOrder(@ForAll("lines") List<String> lines) {
        MultilineAssembler assembler = new MultilineAssembler();
        List<String> records = new ArrayList<>();
        for (String line : lines) {
            records.addAll(assembler.offer(line));
        }
        assembler.flush().ifPresent(records::add);

        List<String> out = new ArrayList<>();
        records.forEach(record -> out.addAll(nonBlank(List.of(record.split("\n", -1)))));
        assertThat(out).isEqualTo(nonBlank(lines.stream().map(MultilineAssemblerProperties::withoutCr).toList()));
        assertThat(records).noneMatch(String::isBlank);
        assertThat(assembler.pendingLines()).isZero();
    }

    @Provide
    Arbitrary<List<String>> lines() {
        return HostileLogLines.lines();
    }

    private static String withoutCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(line -> !line.isBlank()).toList();
    }
}
