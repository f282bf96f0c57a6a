package dev.switchboard.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What the shipped deployment runs as, read from the files themselves (no Docker engine is needed): the image's user
 * is not root, the nodes connect as the role {@code deploy/postgres/roles.sh} creates without superuser rights and
 * migrate as its owner role, the compose file names the allowed origins and believes forwarded addresses only from the
 * load balancer's fixed address. {@link LeastPrivilegeRolesIT} runs the node on those roles.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> NODES = List.of("gateway-a", "gateway-b");

    @Test
    void theImageRunsTheNodeAsANonRootUser() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        int lastFrom = lastIndexMatching(lines, "FROM ");
        int user = lastIndexMatching(lines, "USER ");
        int entrypoint = lastIndexMatching(lines, "ENTRYPOINT ");

        assertThat(user).as("a USER in the final stage, before its ENTRYPOINT").isGreaterThan(lastFrom);
        assertThat(user).isLessThan(entrypoint);
        String name = lines.get(user).substring("USER ".length()).strip().split(":")[0];
        assertThat(name).isNotIn("root", "0").matches("\\d+");
        assertThat(String.join("\n", lines.subList(lastFrom, user)))
                .as("the final stage creates that user")
                .containsPattern("useradd [^\\n]*--uid " + name + "\\b");
    }

    @Test
    void theNodesConnectAsARoleWithoutSuperuserRightsAndMigrateAsTheOwner() throws IOException {
        Map<String, Object> compose = compose();
        String roles = Files.readString(ROOT.resolve("deploy/postgres/roles.sh"));
        Map<String, Object> database = service(compose, "postgres");

        assertThat(strings(database.get("volumes")))
                .as("the database runs the roles script when it initialises")
                .anyMatch(volume -> volume.startsWith("./deploy/postgres/roles.sh:/docker-entrypoint-initdb.d/"));
        for (String node : NODES) {
            Map<String, Object> environment = environment(compose, node);
            String app = (String) environment.get("SPRING_DATASOURCE_USERNAME");
            String owner = (String) environment.get("SPRING_FLYWAY_USER");

            assertThat(app)
                    .as(node)
                    .isNotEqualTo(owner)
                    .isNotEqualTo(environment(compose, "postgres").get("POSTGRES_USER"));
            for (String role : List.of(app, owner)) {
                assertThat(roles)
                        .as(node + " connects as " + role + ", created without superuser rights")
                        .containsPattern("CREATE ROLE " + Pattern.quote(role) + " LOGIN NOSUPERUSER NOCREATEDB "
                                + "NOCREATEROLE NOREPLICATION NOBYPASSRLS");
            }
            assertThat(environment.get("SPRING_DATASOURCE_PASSWORD"))
                    .isEqualTo(database(compose).get("SWITCHBOARD_DB_APP_PASSWORD"));
            assertThat(environment.get("SPRING_FLYWAY_PASSWORD"))
                    .isEqualTo(database(compose).get("SWITCHBOARD_DB_OWNER_PASSWORD"));
        }
    }

    @Test
    void theNodesNameTheirAllowedOriginsAndTrustOnlyTheLoadBalancersAddress() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> networks = map(service(compose, "load-balancer").get("networks"));
        String loadBalancer = (String) map(networks.get("default")).get("ipv4_address");

        for (String node : NODES) {
            Map<String, Object> environment = environment(compose, node);
            assertThat((String) environment.get("SWITCHBOARD_GATEWAY_ALLOWED_ORIGINS"))
                    .as(node)
                    .isNotBlank()
                    .doesNotContain("*");
            assertThat(environment.get("SWITCHBOARD_TRUSTED_PROXIES")).as(node).isEqualTo(loadBalancer);
            assertThat(environment).as(node).doesNotContainKey("SERVER_FORWARD_HEADERS_STRATEGY");
        }
        assertThat(Files.readString(ROOT.resolve("deploy/nginx.conf"))).contains("proxy_set_header X-Forwarded-For");
    }

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    }

    private static Map<String, Object> database(Map<String, Object> compose) {
        return environment(compose, "postgres");
    }

    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return map(map(compose.get("services")).get(name));
    }

    private static Map<String, Object> environment(Map<String, Object> compose, String service) {
        return map(service(compose, service).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<String>) value;
    }

    private static int lastIndexMatching(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
