package io.selfheal.ingest.file;

import io.selfheal.ingest.DeadLetter;
import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.LogEvent;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.MultilineAssembler;
import io.selfheal.ingest.parse.ParseResult;
import io.selfheal.ingest.parse.SourceContext;
import io.selfheal.store.CheckpointStore;
import io.selfheal.store.SourceCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tails every matching file of one directory and turns new lines into {@link IngestBatch}es.
 *
 * <p>Reading is stateless between polls except for the last <em>acknowledged</em> position of each file: every poll
 * reads from there, and a position only moves when {@link #acknowledge} confirms that the batch ending at it was
 * stored. Since the store commits a batch's events and its checkpoint in one transaction, a crash or a failed write
 * neither skips nor repeats a line. Lines of a record that may still grow (a stack trace being written) are left
 * unacknowledged and read again next time, until the file has been idle long enough to flush them.
 *
 * <p>Rotation: a file is identified by its file key (device and inode), so a rename-and-create rotation is seen as
 * a new file at the same path; the renamed old file is drained first if it is still in the directory. A file that
 * shrank, or whose first bytes changed, was truncated (copytruncate) and is read again from the start.
 */
public final class FileTailer {
    private static final Logger LOG = LoggerFactory.getLogger(FileTailer.class);
    private static final int HEAD_BYTES = 128;
    private static final int MAX_BATCHES_PER_FILE_AND_POLL = 16;

    private final TailSettings settings;
    private final CheckpointStore checkpoints;
    private final LogParser parser;
    private final Clock clock;
    private final Map<Path, TrackedFile> files = new HashMap<>();

    public FileTailer(TailSettings settings, CheckpointStore checkpoints, LogParser parser, Clock clock) {
        this.settings = settings;
        this.checkpoints = checkpoints;
        this.parser = parser;
        this.clock = clock;
    }

    /** Reads what is new in every matching file; a file that cannot be read is logged and skipped. */
    public synchronized List<IngestBatch> poll() {
        List<IngestBatch> batches = new ArrayList<>();
        if (!Files.isDirectory(settings.directory())) {
            return batches;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(settings.directory(), settings.pattern())) {
            for (Path path : stream) {
                if (!Files.isRegularFile(path)) {
                    continue;
                }
                try {
                    poll(tracked(path), batches);
                } catch (NoSuchFileException gone) {
                    LOG.debug("{} disappeared while being read", path);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Cannot tail {}: {}", path, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", settings.directory(), e.toString());
        }
        return batches;
    }

    /** Confirms that a batch returned by {@link #poll()} was stored: its file position may move on. */
    public synchronized void acknowledge(IngestBatch batch) {
        SourceCheckpoint checkpoint = batch.checkpoint();
        if (checkpoint == null) {
            return;
        }
        for (TrackedFile file : files.values()) {
            if (file.sourceId.equals(checkpoint.sourceId())) {
                file.acknowledged = TailPosition.decode(checkpoint.position());
                return;
            }
        }
    }

    private TrackedFile tracked(Path path) {
        return files.computeIfAbsent(path, p -> {
            String sourceId = "file:" + p.normalize();
            try {
                TailPosition stored = checkpoints.load(sourceId).map(TailPosition::decode).orElse(null);
                return new TrackedFile(p, sourceId, stored);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot load the position of " + sourceId + ": " + e.getMessage(), e);
            }
        });
    }

    private void poll(TrackedFile file, List<IngestBatch> batches) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file.path, BasicFileAttributes.class);
        String key = fileKey(file.path, attributes);
        long size = attributes.size();
        long now = clock.millis();
        if (size != file.lastSize) {
            file.lastSize = size;
            file.lastGrowth = now;
        }
        boolean idle = now - file.lastGrowth >= settings.idleFlush().toMillis();

        TailPosition position = file.acknowledged;
        if (position == null) {
            position = new TailPosition(key, settings.startAtEnd() ? size : 0, 0);
        } else if (!position.fileKey().equals(key)) {
            Path rotated = findByKey(position.fileKey());
            if (rotated != null) {
                LOG.info("{} was rotated to {}: reading its last lines", file.path, rotated);
                read(file, rotated, position, true, batches);
            }
            position = new TailPosition(key, 0, 0);
        } else if (size < position.offset() || headChanged(file.path, position, size)) {
            LOG.info("{} was truncated: reading it again from the start", file.path);
            position = new TailPosition(key, 0, 0);
        }
        read(file, file.path, position, idle, batches);
    }

    /** Appends batches for what {@code path} holds past {@code from}; flushes a trailing record when {@code flush}. */
    private void read(TrackedFile file, Path path, TailPosition from, boolean flush, List<IngestBatch> batches)
            throws IOException {
        boolean positionMoved = !from.equals(file.acknowledged);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long headHash = from.headHash() != 0 ? from.headHash() : headHash(channel);
            TailPosition position = from.at(from.offset(), headHash);
            for (int i = 0; i < MAX_BATCHES_PER_FILE_AND_POLL; i++) {
                BatchReader reader = new BatchReader(file, path, channel, position);
                IngestBatch batch = reader.read(flush);
                if (batch == null) {
                    if (positionMoved || headHash != from.headHash()) {
                        batches.add(checkpointOnly(file, position));
                    }
                    return;
                }
                batches.add(batch);
                positionMoved = false;
                position = TailPosition.decode(batch.checkpoint().position());
                if (!reader.full) {
                    return;
                }
            }
        }
    }

    private IngestBatch checkpointOnly(TrackedFile file, TailPosition position) {
        return new IngestBatch(file.sourceId, List.of(), List.of(), new SourceCheckpoint(file.sourceId, position.encode()));
    }

    /** Reads one batch of records starting at a record boundary. */
    private final class BatchReader {
        private final TrackedFile file;
        private final FileChannel channel;
        private final TailPosition start;
        private final SourceContext context;
        private final MultilineAssembler assembler = new MultilineAssembler();
        private final ArrayDeque<Long> pendingStarts = new ArrayDeque<>();
        private final List<LogEvent> events = new ArrayList<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();
        private boolean full;

        BatchReader(TrackedFile file, Path path, FileChannel channel, TailPosition start) {
            this.file = file;
            this.channel = channel;
            this.start = start;
            this.context = new SourceContext(file.sourceId, serviceName(file.path),
                    Map.of("filename", path.toString()), clock.instant());
        }

        /** Returns the batch, or null when the file holds nothing new past {@code start}. */
        IngestBatch read(boolean flush) throws IOException {
            LineReader lines = new LineReader(channel, start.offset(), settings.maxLineBytes());
            long committed = start.offset();
            int count = 0;
            LineReader.Line line = null;
            while (count < settings.maxBatchLines() && (line = lines.next(flush)) != null) {
                count++;
                int pendingBefore = assembler.pendingLines();
                List<String> records = assembler.offer(line.text());
                pendingStarts.addLast(line.start());
                emit(records, line.start());
                int consumed = pendingBefore + 1 - assembler.pendingLines();
                for (int i = 0; i < consumed; i++) {
                    pendingStarts.removeFirst();
                }
                committed = pendingStarts.isEmpty() ? line.end() : pendingStarts.peekFirst();
            }
            full = count == settings.maxBatchLines();
            boolean atEnd = line == null;
            // A record longer than a whole batch must still make progress.
            boolean stuck = full && committed == start.offset();
            if ((atEnd && flush) || stuck) {
                long recordStart = pendingStarts.isEmpty() ? lines.position() : pendingStarts.peekFirst();
                assembler.flush().ifPresent(record -> parse(record, recordStart));
                pendingStarts.clear();
                committed = lines.position();
            }
            if (committed == start.offset() && events.isEmpty() && deadLetters.isEmpty()) {
                return null;
            }
            TailPosition end = start.at(committed, start.headHash());
            return new IngestBatch(file.sourceId, events, deadLetters, new SourceCheckpoint(file.sourceId, end.encode()));
        }

        private void emit(List<String> records, long currentLineStart) {
            for (int i = 0; i < records.size(); i++) {
                // An offer completes at most the pending record plus the offered line itself.
                long recordStart = i == 0 && !pendingStarts.isEmpty() ? pendingStarts.peekFirst() : currentLineStart;
                parse(records.get(i), recordStart);
            }
        }

        private void parse(String record, long recordStart) {
            ParseResult result = parser.parse(record, context);
            if (result instanceof ParseResult.Parsed parsed) {
                events.add(parsed.event().withSourceRef(file.sourceId + "@" + start.fileKey() + ":" + recordStart));
            } else if (result instanceof ParseResult.Rejected rejected) {
                deadLetters.add(rejected.deadLetter());
            }
        }
    }

    private Path findByKey(String key) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(settings.directory())) {
            for (Path candidate : stream) {
                if (Files.isRegularFile(candidate)
                        && key.equals(fileKey(candidate, Files.readAttributes(candidate, BasicFileAttributes.class)))) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static boolean headChanged(Path path, TailPosition position, long size) throws IOException {
        if (position.headHash() == 0 || size < HEAD_BYTES) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return headHash(channel) != position.headHash();
        }
    }

    /** Hash of the first bytes, or 0 while the file is too short for them to be final. */
    private static long headHash(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // keep reading: a read may return fewer bytes than asked
        }
        if (head.hasRemaining()) {
            return 0;
        }
        long hash = 1125899906842597L;
        for (byte b : head.array()) {
            hash = 31 * hash + b;
        }
        return hash == 0 ? 1 : hash;
    }

    private static String fileKey(Path path, BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        // Without inode support, fall back to the creation time: still changes when a file is re-created.
        return key != null ? key.toString() : path.getFileName() + "@" + attributes.creationTime().toMillis();
    }

    /** {@code logs/orders.log} → {@code orders}; {@code api.2024-05-01.log} → {@code api}. */
    static String serviceName(Path path) {
        String name = path.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static final class TrackedFile {
        final Path path;
        final String sourceId;
        TailPosition acknowledged;
        long lastSize = -1;
        long lastGrowth;

        TrackedFile(Path path, String sourceId, TailPosition acknowledged) {
            this.path = path;
            this.sourceId = sourceId;
            this.acknowledged = acknowledged;
        }
    }
}
