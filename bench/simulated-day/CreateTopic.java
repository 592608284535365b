import io.lakestream.deploy.kafka.KafkaTopics;

/**
 * Creates a topic with infinite retention before a stream reads it, so that the stream can start
 * (and be running) before the first record is sent: {@code CreateTopic BOOTSTRAP TOPIC PARTITIONS}.
 */
public class CreateTopic {
    public static void main(String[] args) {
        int partitions = KafkaTopics.ensure(args[0], args[1], Integer.parseInt(args[2]));
        System.out.println("topic " + args[1] + ": " + partitions + " partition(s)");
    }
}
