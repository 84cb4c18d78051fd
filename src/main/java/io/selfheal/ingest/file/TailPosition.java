package io.selfheal.ingest.file;

/**
 * Where the tailer stands in one file: which file (its identity survives renames, so rotation is detected), the offset
 * of the first byte not yet stored, and a hash of the file's first bytes (detects a file truncated and rewritten in
 * place past the old offset, as copytruncate rotation does).
 */
record TailPosition(String fileKey, long offset, long headHash) {

    static final TailPosition NONE = new TailPosition("", 0, 0);

    /** The text form kept in {@code source_offsets.position}. */
    String encode() {
        return fileKey + "|" + offset + "|" + headHash;
    }

    static TailPosition decode(String text) {
        int last = text.lastIndexOf('|');
        int middle = text.lastIndexOf('|', last - 1);
        if (middle < 0) {
            throw new IllegalArgumentException("not a file position: " + text);
        }
        return new TailPosition(text.substring(0, middle),
                Long.parseLong(text.substring(middle + 1, last)),
                Long.parseLong(text.substring(last + 1)));
    }

    TailPosition at(long newOffset, long newHeadHash) {
        return new TailPosition(fileKey, newOffset, newHeadHash);
    }
}
