package io.selfheal.ingest.file;

import io.selfheal.ingest.IngestBatch;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The new batches of one service's files, oldest file first, each file's batches in order. Reading and parsing the
 * next batch runs on another thread while the caller stores the current one, so on two cores the parsing of batch
 * n+1 overlaps the fingerprinting and the database commit of batch n. Only one batch is read ahead: memory stays
 * bounded by two batches per service, and the caller acknowledges positions strictly in order.
 *
 * <p>An {@link Iterator}, not an {@code Iterable}, on purpose: the files' read positions live in it, so there must be
 * exactly one pass (Camel's splitter takes an iterator as it is).
 */
public final class FileBatches implements Iterator<IngestBatch> {
    private final List<FileTailer.FileReading> files;
    private final Executor readAhead;
    private int file;
    private CompletableFuture<IngestBatch> next;

    FileBatches(List<FileTailer.FileReading> files, Executor readAhead) {
        this.files = files;
        this.readAhead = readAhead;
        this.next = read();
    }

    @Override
    public synchronized boolean hasNext() {
        return next.join() != null;
    }

    @Override
    public synchronized IngestBatch next() {
        IngestBatch batch = next.join();
        if (batch == null) {
            throw new NoSuchElementException();
        }
        next = read();
        return batch;
    }

    /** The next batch of the current file, else of the following files; null when all are done. */
    private CompletableFuture<IngestBatch> read() {
        return CompletableFuture.supplyAsync(() -> {
            while (file < files.size()) {
                IngestBatch batch = files.get(file).next();
                if (batch != null) {
                    return batch;
                }
                file++;
            }
            return null;
        }, readAhead);
    }

    @Override
    public String toString() {
        return "FileBatches[" + files.size() + " file(s)]";
    }
}
