package io.lakestream.connectors.kafka;

import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one Kafka record into the source's element. It runs inside the Kafka source reader, so that
 * event-time watermarks are generated per Kafka partition from decoded event times. It must never
 * throw: a record it cannot decode becomes an element that says so (quarantine).
 */
public interface KafkaRecordDecoder<T> extends Serializable {

    T decode(ConsumerRecord<byte[], byte[]> record);

    TypeInformation<T> producedType();
}
