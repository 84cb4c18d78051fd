package io.selfheal.ingest.file;

import io.selfheal.ingest.IngestBatch;
import io.selfheal.ingest.parse.LogParser;
import io.selfheal.ingest.parse.SourceContext;
import io.selfheal.store.CheckpointStore;
import io.selfheal.store.SourceCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Tails the files of one directory and turns new lines into {@link IngestBatch}es.
 *
 * <p>Reading is stateless between polls except for the last <em>acknowledged</em> position of each file: every poll
 * reads from there, and a position only moves when {@link #acknowledge} confirms that the batch ending at it was
 * stored. Since the store commits a batch's events and its position in one transaction, a crash or a failed write
 * neither skips nor repeats a line. Lines of a record that may still grow (a stack trace being written) are left
 * unacknowledged and read again next time, until the file has been idle long enough to flush them.
 *
 * <p>Rotation: positions belong to file contents, not names. A content is its inode plus a hash of its first bytes
 * ({@link FileHead}), and has one {@code source_offsets} row per inode. So a renamed file is followed to its end under
 * its new name, whether or not that name matches the pattern, and never read again from the start. A file that shrank,
 * or whose first bytes changed (copytruncate, or a deleted file's inode reused), is a new content: it gets a new
 * generation, so its lines get new source references although they reuse old offsets. When such a content vanished
 * from its inode and a file nobody follows now holds it (the copy copytruncate made), that file takes over its
 * position, so the lines written just before the copy are read too.
 */
public final class FileTailer {
    private static final Logger LOG = LoggerFactory.getLogger(FileTailer.class);
    /** Bounds one poll, so new and rotated files are listed again at least every so many batches of a busy file. */
    private static final int MAX_BATCHES_PER_FILE_AND_POLL = 64;

    private final TailSettings settings;
    private final CheckpointStore checkpoints;
    private final LogParser parser;
    private final Clock clock;
    private final PathMatcher pattern;
    /** A file's row in {@code source_offsets} is this prefix and its key; its events' references, this and the generation. */
    private final String prefix;
    private final SecureRandom random = new SecureRandom();
    /** Reads each service's next batch while the previous one is being stored (daemon threads, idle ones end). */
    private final ExecutorService readAhead = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "file-read-ahead");
                thread.setDaemon(true);
                return thread;
            });
    /** The followed files by key; null until the stored positions are loaded. */
    private Map<String, TrackedFile> files;
    /** Offsets by file key saved by versions that kept one position per file name, adopted once. */
    private Map<String, Long> legacyOffsets = Map.of();

    public FileTailer(TailSettings settings, CheckpointStore checkpoints, LogParser parser, Clock clock) {
        this.settings = settings;
        this.checkpoints = checkpoints;
        this.parser = parser;
        this.clock = clock;
        this.pattern = FileSystems.getDefault().getPathMatcher("glob:" + settings.pattern());
        this.prefix = "file:" + settings.directory().normalize() + "#";
    }

    /**
     * Reads what is new in every followed file, all at once; a file that cannot be read is logged and skipped. The
     * route reads lazily instead ({@link #pollByService()}); this is the same reading, eager, for callers that store
     * batch after batch on one thread.
     */
    public List<IngestBatch> poll() {
        List<IngestBatch> batches = new ArrayList<>();
        for (FileBatches service : pollByService()) {
            service.forEachRemaining(batches::add);
        }
        return batches;
    }

    /**
     * What is new in the followed files, one {@link FileBatches} per service (files named {@code <service>.*}), to be
     * stored in parallel across services and in order within one: a rotated file is drained before its successor, and
     * each file's batches are acknowledged in the order they were read. The batches are read lazily, one ahead of
     * the one being stored. Every returned {@code FileBatches} must be iterated to its end before the next poll.
     */
    public synchronized List<FileBatches> pollByService() {
        if (!Files.isDirectory(settings.directory())) {
            return List.of();
        }
        boolean firstScan = files == null;
        if (firstScan && !loadPositions()) {
            return List.of();
        }
        Map<String, ListedFile> listed;
        try {
            listed = list();
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", settings.directory(), e.toString());
            return List.of();
        }
        boolean skipExisting = firstScan && settings.startAtEnd() && files.isEmpty();
        resolve(listed, skipExisting);
        List<TrackedFile> oldestFirst = new ArrayList<>(files.values());
        oldestFirst.sort(Comparator.comparingLong((TrackedFile t) -> listed.get(t.key).modified())
                .thenComparing(t -> t.path));
        Map<String, List<FileReading>> byService = new LinkedHashMap<>();
        long now = clock.millis();
        for (TrackedFile file : oldestFirst) {
            ListedFile seen = listed.get(file.key);
            if (seen.size() != file.lastSize) {
                file.lastSize = seen.size();
                file.lastGrowth = now;
            }
            boolean idle = now - file.lastGrowth >= settings.idleFlush().toMillis();
            boolean unsaved = !file.saved;
            if (seen.size() > file.acknowledged.offset() || unsaved) {
                byService.computeIfAbsent(serviceName(seen.path()), name -> new ArrayList<>())
                        .add(new FileReading(file, seen.path(), idle, file.acknowledged, unsaved));
            }
        }
        List<FileBatches> batches = new ArrayList<>(byService.size());
        byService.values().forEach(readings -> batches.add(new FileBatches(readings, readAhead)));
        return batches;
    }

    /** Confirms that a batch returned by {@link #poll()} was stored: its file position may move on. */
    public synchronized void acknowledge(IngestBatch batch) {
        SourceCheckpoint checkpoint = batch.checkpoint();
        if (checkpoint == null || files == null || !checkpoint.sourceId().startsWith(prefix)) {
            return;
        }
        TrackedFile file = files.get(checkpoint.sourceId().substring(prefix.length()));
        TailPosition position = TailPosition.decode(checkpoint.position());
        // A batch of a content the file no longer holds must not move the new content's position.
        if (file != null && file.acknowledged.generation().equals(position.generation())) {
            file.acknowledged = position;
            file.saved = true;
        }
    }

    private boolean loadPositions() {
        Map<String, String> rows;
        try {
            rows = checkpoints.loadAll(prefix);
            legacyOffsets = legacyOffsets(checkpoints.loadAll("file:" + settings.directory().normalize() + "/"));
        } catch (SQLException e) {
            LOG.warn("Cannot load the file positions of {}: {}", settings.directory(), e.getMessage());
            return false;
        }
        files = new HashMap<>();
        rows.forEach((id, position) -> {
            String key = id.substring(prefix.length());
            try {
                files.put(key, new TrackedFile(key, null, TailPosition.decode(position), true));
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring the unreadable position {} of {}", position, id);
            }
        });
        return true;
    }

    /** Rows {@code file:<path>} = {@code <key>|<offset>|<hash>} of earlier versions, as offsets by key. */
    private static Map<String, Long> legacyOffsets(Map<String, String> rows) {
        Map<String, Long> offsets = new HashMap<>();
        for (String position : rows.values()) {
            int last = position.lastIndexOf('|');
            int middle = position.lastIndexOf('|', last - 1);
            try {
                offsets.put(position.substring(0, middle), Long.parseLong(position.substring(middle + 1, last)));
            } catch (RuntimeException notLegacy) {
                LOG.debug("Ignoring the position {}", position);
            }
        }
        return offsets;
    }

    /** Every regular file of the directory by key; a file matching the pattern wins over another name of its inode. */
    private Map<String, ListedFile> list() throws IOException {
        Map<String, ListedFile> listed = new HashMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(settings.directory())) {
            for (Path path : stream) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(path, BasicFileAttributes.class);
                } catch (IOException vanished) {
                    continue;
                }
                if (attributes.isRegularFile()) {
                    String key = fileKey(path, attributes);
                    ListedFile file = new ListedFile(path, key, attributes.size(),
                            attributes.lastModifiedTime().toMillis(), pattern.matches(path.getFileName()));
                    listed.merge(key, file, (a, b) -> a.matches() ? a : b);
                }
            }
        }
        return listed;
    }

    /** Matches the followed contents to the files now present, and starts following new matching files. */
    private void resolve(Map<String, ListedFile> listed, boolean skipExisting) {
        List<TrackedFile> replaced = new ArrayList<>();
        for (Iterator<TrackedFile> it = files.values().iterator(); it.hasNext(); ) {
            TrackedFile file = it.next();
            ListedFile now = listed.get(file.key);
            if (now == null) {
                forget(file);
                it.remove();
                continue;
            }
            file.path = now.path();
            try {
                if (now.size() < file.lastSize || !FileHead.holds(now.path(), now.size(), file.acknowledged)) {
                    replaced.add(file);
                }
            } catch (IOException e) {
                LOG.debug("Cannot check {} now: {}", now.path(), e.toString());
            }
        }
        for (TrackedFile file : replaced) {
            ListedFile copy = findCopy(listed, file.acknowledged);
            if (copy != null) {
                LOG.info("{} was copied to {} and truncated: reading the copy from where {} was left", file.path,
                        copy.path(), file.path);
                files.put(copy.key(), new TrackedFile(copy.key(), copy.path(), file.acknowledged, false));
            }
            LOG.info("{} was truncated or replaced: reading it again from the start", file.path);
            file.acknowledged = newContent(0);
            file.saved = false;
            file.lastSize = -1;
        }
        for (ListedFile file : listed.values()) {
            if (file.matches() && !files.containsKey(file.key())) {
                long legacy = legacyOffsets.getOrDefault(file.key(), -1L);
                long start = legacy >= 0 && legacy <= file.size() ? legacy : skipExisting ? file.size() : 0;
                files.put(file.key(), new TrackedFile(file.key(), file.path(), newContent(start), false));
            }
        }
    }

    /** A file nobody follows that holds the content of {@code position}, or null. */
    private ListedFile findCopy(Map<String, ListedFile> listed, TailPosition position) {
        if (position.headLength() == 0) {
            return null;
        }
        for (ListedFile candidate : listed.values()) {
            try {
                if (!files.containsKey(candidate.key()) && FileHead.holds(candidate.path(), candidate.size(), position)) {
                    return candidate;
                }
            } catch (IOException e) {
                LOG.debug("Cannot check {} now: {}", candidate.path(), e.toString());
            }
        }
        return null;
    }

    private TailPosition newContent(long offset) {
        return new TailPosition(String.format("%016x", random.nextLong()), offset, 0, 0);
    }

    private void forget(TrackedFile file) {
        try {
            checkpoints.delete(prefix + file.key);
        } catch (SQLException e) {
            // Harmless: the row is forgotten at the next start, when its file is still missing.
            LOG.warn("Cannot forget the position of the vanished {}: {}", file.path, e.getMessage());
        }
    }

    /**
     * One file's new content, read batch by batch from its acknowledged position. A read error, or the file renamed or
     * replaced since the listing, ends it (logged): the next poll sorts it out.
     */
    final class FileReading {
        private final TrackedFile file;
        private final Path path;
        private final boolean idle;
        private TailPosition position;
        /** Whether a position must be saved even if no line follows (a new or re-started content). */
        private boolean unsaved;
        private int batches;
        private boolean done;

        private FileReading(TrackedFile file, Path path, boolean idle, TailPosition position, boolean unsaved) {
            this.file = file;
            this.path = path;
            this.idle = idle;
            this.position = position;
            this.unsaved = unsaved;
        }

        /** The next batch, or null when the file holds nothing more for this poll. */
        IngestBatch next() {
            if (done) {
                return null;
            }
            try {
                IngestBatch batch = read();
                if (batch == null) {
                    done = true;
                }
                return batch;
            } catch (NoSuchFileException gone) {
                LOG.debug("{} disappeared while being read", path);
            } catch (IOException | RuntimeException | Error e) {
                LOG.warn("Cannot tail {}: {}", path, e.toString());
            }
            done = true;
            return null;
        }

        private IngestBatch read() throws IOException {
            if (batches == MAX_BATCHES_PER_FILE_AND_POLL) {
                return null;
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                if (!file.key.equals(fileKey(path, attributes))
                        || (position.headLength() > 0
                            && !FileHead.hash(channel, position.headLength()).equals(OptionalLong.of(position.headHash())))) {
                    return null;
                }
                long size = attributes.size();
                if (position.headLength() < FileHead.BYTES && size > position.headLength()) {
                    int length = (int) Math.min(FileHead.BYTES, size);
                    OptionalLong head = FileHead.hash(channel, length);
                    if (head.isPresent()) {
                        TailPosition withHead = position.withHead(length, head.getAsLong());
                        unsaved |= !withHead.equals(position);
                        position = withHead;
                    }
                }
                SourceContext context = new SourceContext("file:" + path.normalize(), serviceName(path),
                        Map.of("filename", path.toString()), clock.instant());
                FileBatchReader reader = new FileBatchReader(channel, position, context, parser::parse, settings,
                        prefix + file.key, prefix);
                IngestBatch batch = reader.read(idle);
                batches++;
                if (batch == null) {
                    if (unsaved) {
                        unsaved = false;
                        done = true;
                        return new IngestBatch(context.source(), List.of(), List.of(),
                                new SourceCheckpoint(prefix + file.key, position.encode()));
                    }
                    return null;
                }
                unsaved = false;
                position = TailPosition.decode(batch.checkpoint().position());
                done = !reader.full();
                return batch;
            }
        }
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

    /** A regular file of the directory as one listing saw it. */
    private record ListedFile(Path path, String key, long size, long modified, boolean matches) {
    }
}
