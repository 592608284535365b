package io.lakestream.bench.jmh;

import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.pipelines.decode.EventDecoder;
import io.lakestream.pipelines.model.Event;
import io.lakestream.pipelines.model.EventSerializer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What BATCH mode does to each event at each sorted exchange, per serializer: write it into a
 * buffer and read it back ({@code roundTrip}), and copy it in serialized form, as a spilling sort
 * does ({@code copy}). {@code pojo} is Flink's POJO serializer (a stream's events), {@code
 * backfill} the hand-written {@link EventSerializer} (ADR 0016).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventSerializerBenchmark {

    @Param({"pojo", "backfill"})
    public String serializer;

    private Event[] events;
    private TypeSerializer<Event> ser;
    private final DataOutputSerializer out = new DataOutputSerializer(512);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private final DataOutputSerializer copyOut = new DataOutputSerializer(512);
    private byte[][] serialized;
    private int i;

    @Setup
    public void setUp() throws IOException {
        ser =
                serializer.equals("pojo")
                        ? TypeInformation.of(Event.class)
                                .createSerializer(new ExecutionConfig().getSerializerConfig())
                        : new EventSerializer();
        List<GeneratedRecord> valid = GeneratedPayloads.valid();
        EventDecoder decoder = new EventDecoder();
        events = new Event[valid.size()];
        serialized = new byte[valid.size()][];
        for (int n = 0; n < events.length; n++) {
            GeneratedRecord r = valid.get(n);
            events[n] =
                    decoder.decode(new ConsumerRecord<>("events", 0, n, r.key(), r.value())).event;
            out.clear();
            ser.serialize(events[n], out);
            serialized[n] = out.getCopyOfBuffer();
        }
    }

    @Benchmark
    public Event roundTrip() throws IOException {
        out.clear();
        ser.serialize(events[i++ & GeneratedPayloads.MASK], out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return ser.deserialize(in);
    }

    @Benchmark
    public int copy() throws IOException {
        byte[] record = serialized[i++ & GeneratedPayloads.MASK];
        in.setBuffer(record);
        copyOut.clear();
        ser.copy(in, copyOut);
        return copyOut.length();
    }
}
