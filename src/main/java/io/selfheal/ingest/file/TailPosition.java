package io.selfheal.ingest.file;

/**
 * Where the tailer stands in one file, as saved with the events read up to it.
 *
 * @param generation a random token naming this content of the file. It changes whenever the file is found truncated or
 *                   replaced, and is part of every event's source reference, so lines written after a copytruncate
 *                   rotation get new references even though they reuse old offsets
 * @param offset     the first byte not yet stored (always at a record boundary)
 * @param headLength how many of the file's first bytes {@code headHash} covers (up to {@link FileHead#BYTES})
 * @param headHash   hash of those bytes: a file whose first bytes changed is no longer the content this position is in
 */
record TailPosition(String generation, long offset, int headLength, long headHash) {

    /** The text form kept in {@code source_offsets.position}. */
    String encode() {
        return generation + "|" + offset + "|" + headLength + "|" + headHash;
    }

    static TailPosition decode(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 4 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("not a file position: " + text);
        }
        return new TailPosition(parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
    }

    TailPosition at(long newOffset) {
        return new TailPosition(generation, newOffset, headLength, headHash);
    }

    TailPosition withHead(int newHeadLength, long newHeadHash) {
        return new TailPosition(generation, offset, newHeadLength, newHeadHash);
    }
}
