package io.lakestream.deploy.generate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.deploy.cli.UserError;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaEventPublisherTest {

    @Test
    void anUnreachableBrokerIsAOneLineUserError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free, and nothing listens on it once closed
        }
        String bootstrap = "127.0.0.1:" + port;
        KafkaEventPublisher publisher =
                new KafkaEventPublisher(bootstrap, "events", Duration.ofSeconds(1));
        assertThatThrownBy(() -> publisher.publish(GeneratorConfig.builder(10, 1).build()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cannot reach Kafka at " + bootstrap)
                .hasMessageContaining("bin/lakestream kafka start")
                .hasMessageNotContaining("\n");
    }
}
