package io.lakestream.connectors.lake.internal;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Versioned serializer of {@link LakeCommittable}: committables live in checkpoints until they are
 * committed, so their format must stay readable across upgrades. Bump {@link #CURRENT_VERSION} and
 * keep reading the old layout when a field is added.
 */
public final class LakeCommittableSerializer implements SimpleVersionedSerializer<LakeCommittable> {

    static final int CURRENT_VERSION = 1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(LakeCommittable c) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeBoolean(c.isFile());
        if (c.isFile()) {
            out.writeUTF(c.partition());
            out.writeUTF(c.fileName());
            out.writeInt(c.recoverableVersion());
            out.writeInt(c.recoverable().length);
            out.write(c.recoverable());
            out.writeLong(c.rows());
            out.writeLong(c.bytes());
            out.writeLong(c.checksum());
            out.writeLong(c.minTime());
            out.writeLong(c.maxTime());
            out.writeUTF(c.sourceOffsets());
        } else {
            out.writeInt(c.subtask());
            out.writeInt(c.subtasks());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public LakeCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != CURRENT_VERSION) {
            throw new IOException("unknown LakeCommittable version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        if (in.readBoolean()) {
            String partition = in.readUTF();
            String fileName = in.readUTF();
            int recoverableVersion = in.readInt();
            byte[] recoverable = new byte[in.readInt()];
            in.readFully(recoverable);
            return LakeCommittable.file(
                    partition,
                    fileName,
                    recoverableVersion,
                    recoverable,
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readLong(),
                    in.readUTF());
        }
        return LakeCommittable.marker(in.readInt(), in.readInt());
    }
}
