package io.selfheal.ingest.file;

import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.DeadLetterKind;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.MultilineAssembler;
import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.SourceContext;
import io.selfheal.store.SourceCheckpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads one batch of records from a file, starting at a record boundary, and says where the next batch starts.
 *
 * <p>No record can stop the file: a record the parser refuses, or one whose assembly or parsing throws (even an
 * {@link Error}), becomes a dead letter with the reason, and the position moves past it like past any other record.
 */
final class FileBatchReader {
    private final FileChannel channel;
    private final TailPosition start;
    private final SourceContext context;
    private final BiFunction<String, SourceContext, ParseResult> parser;
    private final TailSettings settings;
    /** {@code source_offsets} row the batch's position is saved in. */
    private final String checkpointId;
    /** Source references are this prefix, the generation and the record's first byte: unique for all time. */
    private final String refPrefix;
    private final List<LogEvent> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private MultilineAssembler assembler = new MultilineAssembler();
    /** First byte of the record the assembler holds, or -1 when it holds none. */
    private long pendingStart = -1;
    private boolean full;

    FileBatchReader(FileChannel channel, TailPosition start, SourceContext context,
                    BiFunction<String, SourceContext, ParseResult> parser, TailSettings settings, String checkpointId, String refPrefix) {
        this.channel = channel;
        this.start = start;
        this.context = context;
        this.parser = parser;
        this.settings = settings;
        this.checkpointId = checkpointId;
        this.refPrefix = refPrefix;
    }

    /**
     * Returns the batch, or null when the file holds nothing new past the start. A record that may still grow is left
     * for the next batch unless {@code flush} is set (the file went idle).
     */
    IngestBatch read(boolean flush) throws IOException {
        LineReader lines = new LineReader(channel, start.offset(), settings.maxLineBytes());
        long committed = start.offset();
        int count = 0;
        LineReader.Line line = null;
        while (count < settings.maxBatchLines() && (line = lines.next(flush)) != null) {
            count++;
            accept(line);
            committed = pendingStart >= 0 ? pendingStart : line.end();
        }
        full = count == settings.maxBatchLines();
        // A record longer than a whole batch must still make progress.
        boolean stuck = full && committed == start.offset();
        if ((line == null && flush) || stuck) {
            flushPending();
            committed = lines.position();
        }
        if (committed == start.offset() && events.isEmpty() && deadLetters.isEmpty()) {
            return null;
        }
        return new IngestBatch(context.source(), events, deadLetters,
                new SourceCheckpoint(checkpointId, start.at(committed).encode()));
    }

    /** Whether the batch stopped at its line limit, so more may follow right away. */
    boolean full() {
        return full;
    }

    private void accept(LineReader.Line line) {
        boolean hadPending = pendingStart >= 0;
        List<String> records;
        try {
            records = assembler.offer(line.text());
        } catch (RuntimeException | Error e) {
            String held = pendingText();
            deadLetters.add(LogParser.deadLetter(context, DeadLetterKind.PARSER_ERROR, "cannot assemble a multi-line record: " + e,
                    held.isEmpty() ? line.text() : held + "\n" + line.text()));
            assembler = new MultilineAssembler();
            pendingStart = -1;
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            // An offer completes at most the held record and then the offered line itself.
            parse(records.get(i), i == 0 && hadPending ? pendingStart : line.start());
        }
        if (assembler.pendingLines() == 0) {
            pendingStart = -1;
        } else if (!hadPending || !records.isEmpty()) {
            pendingStart = line.start();
        }
    }

    private void flushPending() {
        if (pendingStart >= 0) {
            long recordStart = pendingStart;
            String held = pendingText();
            pendingStart = -1;
            if (!held.isEmpty()) {
                parse(held, recordStart);
            }
        }
    }

    /** Takes the assembler's held record; after an assembler failure there may be nothing sensible left. */
    private String pendingText() {
        try {
            return assembler.flush().orElse("");
        } catch (RuntimeException | Error e) {
            return "";
        }
    }

    private void parse(String record, long recordStart) {
        ParseResult result;
        try {
            result = parser.apply(record, context);
        } catch (RuntimeException | Error e) {
            result = new ParseResult.Rejected(LogParser.deadLetter(context, DeadLetterKind.PARSER_ERROR, "cannot parse: " + e, record));
        }
        if (result instanceof ParseResult.Parsed parsed) {
            events.add(parsed.event().withSourceRef(refPrefix + start.generation() + ":" + recordStart));
        } else if (result instanceof ParseResult.Rejected rejected) {
            deadLetters.add(rejected.deadLetter());
        }
    }
}
