package io.selfheal.ingest.loki;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds push requests as Promtail does: Loki's {@code logproto.PushRequest} (declared here from Loki's push.proto and
 * encoded by protobuf-java), compressed with snappy's block format.
 */
final class PromtailPush {
    private static final Descriptors.Descriptor PUSH_REQUEST;
    private static final Descriptors.Descriptor STREAM;
    private static final Descriptors.Descriptor ENTRY;
    private static final Descriptors.Descriptor LABEL_PAIR;
    private static final Descriptors.Descriptor TIMESTAMP;

    static {
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("push.proto").setPackage("logproto").setSyntax("proto3")
                .addMessageType(message("Timestamp", field("seconds", 1, FieldDescriptorProto.Type.TYPE_INT64, null, false),
                        field("nanos", 2, FieldDescriptorProto.Type.TYPE_INT32, null, false)))
                .addMessageType(message("LabelPairAdapter", field("name", 1, FieldDescriptorProto.Type.TYPE_STRING, null, false),
                        field("value", 2, FieldDescriptorProto.Type.TYPE_STRING, null, false)))
                .addMessageType(message("EntryAdapter",
                        field("timestamp", 1, FieldDescriptorProto.Type.TYPE_MESSAGE, ".logproto.Timestamp", false),
                        field("line", 2, FieldDescriptorProto.Type.TYPE_STRING, null, false),
                        field("structuredMetadata", 3, FieldDescriptorProto.Type.TYPE_MESSAGE, ".logproto.LabelPairAdapter", true)))
                .addMessageType(message("StreamAdapter", field("labels", 1, FieldDescriptorProto.Type.TYPE_STRING, null, false),
                        field("entries", 2, FieldDescriptorProto.Type.TYPE_MESSAGE, ".logproto.EntryAdapter", true),
                        field("hash", 3, FieldDescriptorProto.Type.TYPE_UINT64, null, false)))
                .addMessageType(message("PushRequest",
                        field("streams", 1, FieldDescriptorProto.Type.TYPE_MESSAGE, ".logproto.StreamAdapter", true)))
                .build();
        try {
            Descriptors.FileDescriptor descriptor = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
            TIMESTAMP = descriptor.findMessageTypeByName("Timestamp");
            LABEL_PAIR = descriptor.findMessageTypeByName("LabelPairAdapter");
            ENTRY = descriptor.findMessageTypeByName("EntryAdapter");
            STREAM = descriptor.findMessageTypeByName("StreamAdapter");
            PUSH_REQUEST = descriptor.findMessageTypeByName("PushRequest");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<DynamicMessage> streams = new ArrayList<>();

    /** Adds a stream; each entry is {nanos, line, metadata}. */
    PromtailPush stream(Map<String, String> labels, List<Entry> entries) {
        DynamicMessage.Builder stream = DynamicMessage.newBuilder(STREAM)
                .setField(STREAM.findFieldByName("labels"), labels.entrySet().stream()
                        .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .collect(Collectors.joining(", ", "{", "}")));
        for (Entry entry : entries) {
            DynamicMessage.Builder e = DynamicMessage.newBuilder(ENTRY)
                    .setField(ENTRY.findFieldByName("timestamp"), DynamicMessage.newBuilder(TIMESTAMP)
                            .setField(TIMESTAMP.findFieldByName("seconds"), entry.nanos / 1_000_000_000L)
                            .setField(TIMESTAMP.findFieldByName("nanos"), (int) (entry.nanos % 1_000_000_000L)).build())
                    .setField(ENTRY.findFieldByName("line"), entry.line);
            entry.metadata.forEach((name, value) -> e.addRepeatedField(ENTRY.findFieldByName("structuredMetadata"),
                    DynamicMessage.newBuilder(LABEL_PAIR).setField(LABEL_PAIR.findFieldByName("name"), name)
                            .setField(LABEL_PAIR.findFieldByName("value"), value).build()));
            stream.addRepeatedField(STREAM.findFieldByName("entries"), e.build());
        }
        streams.add(stream.build());
        return this;
    }

    /** The HTTP body Promtail sends with {@code Content-Type: application/x-protobuf}. */
    byte[] snappyProtobuf() throws IOException {
        return Snappy.compress(protobuf());
    }

    /** The uncompressed PushRequest. Concatenated PushRequests are one PushRequest holding all their streams. */
    byte[] protobuf() {
        DynamicMessage.Builder request = DynamicMessage.newBuilder(PUSH_REQUEST);
        streams.forEach(s -> request.addRepeatedField(PUSH_REQUEST.findFieldByName("streams"), s));
        return request.build().toByteArray();
    }

    record Entry(long nanos, String line, Map<String, String> metadata) {
    }

    private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
        for (FieldDescriptorProto field : fields) {
            message.addField(field);
        }
        return message.build();
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, String typeName,
                                              boolean repeated) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL);
        if (typeName != null) {
            field.setTypeName(typeName);
        }
        return field.build();
    }
}
