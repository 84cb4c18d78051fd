package io.selfheal.grouping;

import io.selfheal.fingerprint.mining.MinedGroup;
import io.selfheal.fingerprint.mining.TemplateMiner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Groups the {@code <Content>} of every line of a log (the whole trimmed line when it does not match the format) with
 * the default template miner and writes {@code LineId,GroupId,Template} as CSV, one row per line.
 *
 * <p>Templates generalise and groups merge while later lines arrive, so the rows are written after the whole input is
 * mined: every line shows the final id (a merged group's survivor) and template of its group. Meanwhile each line costs one int (the index of its group); each group's
 * {@code ,id,template\r\n} is encoded once and copied after the line number.
 */
public final class LogFileGrouper {
    /** Progress is reported every this many lines. */
    public static final int PROGRESS_INTERVAL = 1 << 16;
    private static final int EXAMPLES = 2;
    private static final int OUTPUT_BLOCK = 1 << 20;
    private static final byte[] HEADER = "LineId,GroupId,Template\r\n".getBytes(StandardCharsets.US_ASCII);

    private final LogFormat format;
    private final String service;

    public LogFileGrouper(LogFormat format, String service) {
        this.format = format;
        this.service = service;
    }

    /**
     * Groups every line of {@code lines}, writes the CSV to {@code csv} (not closed) and calls {@code progress} with
     * the number of lines read every {@link #PROGRESS_INTERVAL} lines.
     */
    public GroupingSummary group(BlockLineReader lines, OutputStream csv, LongConsumer progress) throws IOException {
        TemplateMiner miner = new TemplateMiner();
        LogLineSplitter splitter = format.splitter();
        int content = format.fieldIndex("Content");
        Map<String, Integer> groupIndex = new HashMap<>();
        List<String> groupIds = new ArrayList<>();
        int[] lineGroups = new int[PROGRESS_INTERVAL];
        int count = 0;
        long unmatched = 0;
        List<GroupingSummary.UnmatchedLine> examples = new ArrayList<>();
        while (lines.next()) {
            String id;
            boolean matched = splitter.split(lines.buffer(), lines.start(), lines.end(), lines.plain());
            if (matched && splitter.fieldsAreAscii()) { // the content's bytes go to the miner: no String per line
                id = miner.match(service, lines.buffer(), splitter.fieldStart(content), splitter.fieldEnd(content)).id();
            } else {
                String message = matched ? splitter.field(content) : null;
                if (message == null) {
                    message = splitter.line();
                    unmatched++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(new GroupingSummary.UnmatchedLine(count + 1L, message));
                    }
                }
                id = miner.match(service, message).id();
            }
            Integer index = groupIndex.get(id);
            if (index == null) {
                index = groupIds.size();
                groupIndex.put(id, index);
                groupIds.add(id);
            }
            if (count == lineGroups.length) {
                if (count == Integer.MAX_VALUE - 8) {
                    throw new IOException("more than " + count + " lines: split the input");
                }
                lineGroups = Arrays.copyOf(lineGroups, (int) Math.min(2L * count, Integer.MAX_VALUE - 8));
            }
            lineGroups[count++] = index;
            if (count % PROGRESS_INTERVAL == 0) {
                progress.accept(count);
            }
        }
        byte[][] rowEnds = new byte[groupIds.size()][];
        Set<String> survivors = new HashSet<>();
        for (int g = 0; g < rowEnds.length; g++) {
            // A group absorbed by a later generalisation resolves to its survivor: its lines get the surviving id.
            MinedGroup group = miner.group(service, groupIds.get(g)).orElse(null);
            String id = group != null ? group.id() : groupIds.get(g);
            String template = group != null ? group.template() : "";
            survivors.add(id);
            rowEnds[g] = ("," + id + "," + Csv.quote(template) + "\r\n").getBytes(StandardCharsets.UTF_8);
        }
        writeRows(csv, lineGroups, count, rowEnds);
        return new GroupingSummary(count, survivors.size(), unmatched, List.copyOf(examples));
    }

    /** Writes the header and, for each line, its number followed by its group's row end, through one large buffer. */
    private static void writeRows(OutputStream csv, int[] lineGroups, int count, byte[][] rowEnds) throws IOException {
        byte[] out = new byte[OUTPUT_BLOCK];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        int used = HEADER.length;
        // The line number as decimal digits, counted up in place: no division per line.
        byte[] number = new byte[10];
        int digits = 1;
        number[0] = '0';
        for (int line = 0; line < count; line++) {
            int last = digits - 1;
            while (last >= 0 && number[last] == '9') {
                number[last--] = '0';
            }
            if (last < 0) {
                System.arraycopy(number, 0, number, 1, digits++);
                number[0] = '1';
            } else {
                number[last]++;
            }
            byte[] rowEnd = rowEnds[lineGroups[line]];
            if (used + digits + rowEnd.length > out.length) {
                csv.write(out, 0, used);
                used = 0;
            }
            System.arraycopy(number, 0, out, used, digits);
            used += digits;
            if (rowEnd.length > out.length - used) { // a template longer than the buffer
                csv.write(out, 0, used);
                csv.write(rowEnd);
                used = 0;
            } else {
                System.arraycopy(rowEnd, 0, out, used, rowEnd.length);
                used += rowEnd.length;
            }
        }
        csv.write(out, 0, used);
    }
}
