package dev.switchboard.gateway.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A whole node on a random port, on this test run's fresh PostgreSQL database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PostgresIntegrationTest {

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) {
        Nodes.properties().forEach((name, value) -> registry.add(name, () -> value));
    }
}
