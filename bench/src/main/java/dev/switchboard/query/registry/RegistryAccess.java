package dev.switchboard.query.registry;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The registry's constructor is package-private so that only Spring builds it in the node; the benchmark builds one
 * without Spring from this class in the same package.
 */
public final class RegistryAccess {

    private RegistryAccess() {}

    public static ConnectionRegistry registry(JdbcTemplate jdbc) {
        return new ConnectionRegistry(jdbc);
    }
}
