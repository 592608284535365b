package io.lakestream.connectors.lake.compact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.PositionOutputStream;

/**
 * The stream a compacted file is written through: it holds back the end of the file and, on close,
 * writes the footer with each column chunk's list of encodings sorted.
 *
 * <p>parquet-mr lists those encodings in the iteration order of a {@code HashSet} of enum
 * constants, that is by their identity hash codes, which differ from one JVM to the next
 * (apache/parquet-java#3215): the same rows, compacted by two processes, would give files that
 * differ in a few footer bytes. Within one JVM the order happens to be stable, so only compactions
 * in different processes (a rerun after a crash, a stream's and a backfill's lake compacted by two
 * commands) showed it. Sorting the lists changes neither their length nor anything else in the
 * file; readers treat them as sets.
 *
 * <p>The footer is rewritten only if it lies within the held-back {@link #HELD} bytes, which any
 * footer of a compacted file does (it grows with row groups times columns); a larger one is left as
 * parquet-mr wrote it.
 */
final class CanonicalFooterStream extends PositionOutputStream {

    /** How many bytes at the end of the file are held back until close. */
    static final int HELD = 1 << 20;

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buffer;
    private final int held;
    private int length;
    private long pos;
    private boolean closed;

    CanonicalFooterStream(OutputStream out) {
        this(out, HELD);
    }

    CanonicalFooterStream(OutputStream out, int held) {
        this.out = out;
        this.held = held;
        this.buffer = new byte[2 * held];
    }

    @Override
    public long getPos() {
        return pos;
    }

    @Override
    public void write(int b) throws IOException {
        if (length == buffer.length) {
            drain();
        }
        buffer[length++] = (byte) b;
        pos++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        pos += len;
        while (len > 0) {
            if (length == buffer.length) {
                drain();
            }
            int n = Math.min(len, buffer.length - length);
            System.arraycopy(b, off, buffer, length, n);
            length += n;
            off += n;
            len -= n;
        }
    }

    /** Writes all but the last {@code held} bytes through. */
    private void drain() throws IOException {
        int through = length - held;
        out.write(buffer, 0, through);
        System.arraycopy(buffer, through, buffer, 0, held);
        length = held;
    }

    @Override
    public void flush() throws IOException {
        out.flush(); // what is held back stays back: it may be the footer
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream o = out) {
            o.write(canonicalTail(Arrays.copyOf(buffer, length)));
        }
    }

    /**
     * The end of a Parquet file with its footer's encoding lists sorted; {@code tail} itself if
     * they are sorted already, or if it does not hold the whole footer.
     */
    static byte[] canonicalTail(byte[] tail) throws IOException {
        int n = tail.length;
        if (n < 8 || !Arrays.equals(tail, n - 4, n, MAGIC, 0, 4)) {
            return tail;
        }
        int footerLength = ByteBuffer.wrap(tail, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (footerLength <= 0 || footerLength > n - 8) {
            return tail;
        }
        int start = n - 8 - footerLength;
        FileMetaData footer =
                Util.readFileMetaData(new ByteArrayInputStream(tail, start, footerLength));
        boolean sorted = true;
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                ColumnMetaData m = chunk.getMeta_data();
                if (m == null || m.getEncodings() == null) {
                    continue;
                }
                List<Encoding> encodings =
                        m.getEncodings().stream()
                                .sorted(Comparator.comparingInt(Encoding::getValue))
                                .toList();
                if (!encodings.equals(m.getEncodings())) {
                    m.setEncodings(encodings);
                    sorted = false;
                }
            }
        }
        if (sorted) {
            return tail;
        }
        ByteArrayOutputStream canonical = new ByteArrayOutputStream(n);
        canonical.write(tail, 0, start);
        Util.writeFileMetaData(footer, canonical);
        int written = canonical.size() - start;
        canonical.write(
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(written).array());
        canonical.write(MAGIC);
        return canonical.toByteArray();
    }
}
