package io.selfheal.ingest.loki;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.selfheal.ingest.http.PayloadTooLargeException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Loki's protobuf {@code logproto.PushRequest} (uncompressed bytes) with protobuf-java's wire reader:
 * <pre>
 * PushRequest   { repeated StreamAdapter streams = 1; }
 * StreamAdapter { string labels = 1; repeated EntryAdapter entries = 2; uint64 hash = 3; }
 * EntryAdapter  { google.protobuf.Timestamp timestamp = 1; string line = 2; repeated LabelPairAdapter structuredMetadata = 3; }
 * LabelPairAdapter { string name = 1; string value = 2; }
 * Timestamp     { int64 seconds = 1; int32 nanos = 2; }
 * </pre>
 * Unknown fields are skipped, as protobuf requires, so newer shippers that add fields still work.
 */
final class PushRequestReader {
    private PushRequestReader() {
    }

    /**
     * @param maxEntries the most entries accepted; past it the push is refused without reading further
     * @throws IOException when the bytes are not a valid PushRequest
     */
    static List<LokiEntry> read(byte[] bytes, int maxEntries) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<LokiEntry> entries = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == 1 && isLengthDelimited(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                readStream(in, entries, maxEntries);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return entries;
    }

    private static void readStream(CodedInputStream in, List<LokiEntry> entries, int maxEntries) throws IOException {
        String labelText = "";
        List<RawEntry> raw = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && isLengthDelimited(tag)) {
                labelText = in.readStringRequireUtf8();
            } else if (field == 2 && isLengthDelimited(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                raw.add(readEntry(in));
                in.popLimit(limit);
                if (entries.size() + raw.size() > maxEntries) {
                    throw new PayloadTooLargeException("push request holds more than " + maxEntries
                            + " entries; send smaller batches");
                }
            } else {
                in.skipField(tag);
            }
        }
        Map<String, String> labels;
        try {
            labels = LokiLabels.parse(labelText);
        } catch (IllegalArgumentException e) {
            throw new IOException("stream labels: " + e.getMessage(), e);
        }
        for (RawEntry entry : raw) {
            entries.add(new LokiEntry(labels, entry.nanos, entry.line, entry.metadata));
        }
    }

    private static RawEntry readEntry(CodedInputStream in) throws IOException {
        RawEntry entry = new RawEntry();
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && isLengthDelimited(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                entry.nanos = readTimestamp(in);
                in.popLimit(limit);
            } else if (field == 2 && isLengthDelimited(tag)) {
                // Lines are not required to be valid UTF-8 (Loki accepts any bytes); bad sequences become U+FFFD.
                entry.line = in.readString();
            } else if (field == 3 && isLengthDelimited(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                readLabelPair(in, entry.metadata);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return entry;
    }

    private static long readTimestamp(CodedInputStream in) throws IOException {
        long seconds = 0;
        int nanos = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                seconds = in.readInt64();
            } else if (field == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                nanos = in.readInt32();
            } else {
                in.skipField(tag);
            }
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }

    private static void readLabelPair(CodedInputStream in, Map<String, String> into) throws IOException {
        String name = null;
        String value = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && isLengthDelimited(tag)) {
                name = in.readString();
            } else if (field == 2 && isLengthDelimited(tag)) {
                value = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        if (name != null && !name.isEmpty()) {
            into.put(name, value);
        }
    }

    private static boolean isLengthDelimited(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static final class RawEntry {
        long nanos;
        String line = "";
        final Map<String, String> metadata = new LinkedHashMap<>();
    }
}
