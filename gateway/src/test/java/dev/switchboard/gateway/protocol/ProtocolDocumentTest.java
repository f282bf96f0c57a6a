package dev.switchboard.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docs/asyncapi.yaml} covers everything the server can send: every frame type {@link FrameCodec} writes
 * ({@link ServerFrameType}) among the messages the node sends, every {@link ErrorCode} in the error code schema, every
 * {@link CloseCode} among the channel's close codes, and every client frame the codec reads among those it receives.
 * The AsyncAPI parser checks the document's form in the {@code docs} module's build; this holds it to the code.
 */
class ProtocolDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    private final Map<String, Object> document = read();

    @Test
    void everyFrameTypeTheServerSendsIsASentMessageOfTheDocument() {
        Set<String> sent = frameTypes("send");

        assertThat(sent).containsAll(wire(ServerFrameType.values()));
    }

    @Test
    void everyClientFrameTheServerReadsIsAReceivedMessageOfTheDocument() {
        Set<String> received = frameTypes("receive");

        assertThat(received)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ClientFrame.class.getPermittedSubclasses())
                        .map(type -> type.getSimpleName().toLowerCase(Locale.ROOT))
                        .toList());
    }

    @Test
    void everyErrorCodeIsInTheDocumentWithItsMeaning() {
        List<Map<String, Object>> codes = list(at(document, "components", "schemas", "ErrorCode", "oneOf"));

        assertThat(codes)
                .allSatisfy(code -> assertThat((String) code.get("description")).isNotBlank());
        assertThat(codes.stream().map(code -> (String) code.get("const")))
                .containsAll(
                        Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
    }

    @Test
    void everyCloseCodeIsInTheDocumentWithItsReasonAndMeaning() {
        List<Map<String, Object>> closes = list(at(document, "channels", "socket", "x-close-codes"));

        assertThat(closes)
                .allSatisfy(close -> assertThat((String) close.get("meaning")).isNotBlank());
        for (CloseCode code : CloseCode.values()) {
            assertThat(closes).as("close code %s (%s)", code.code(), code).anySatisfy(close -> {
                assertThat(close.get("code")).isEqualTo(code.code());
                assertThat((String) close.get("reason")).contains(code.reason().name());
            });
        }
    }

    /** The {@code type} constants of the messages of the operations with this action, following their refs. */
    private Set<String> frameTypes(String action) {
        Set<String> types = new TreeSet<>();
        for (Object operation : map(document.get("operations")).values()) {
            if (!action.equals(map(operation).get("action"))) {
                continue;
            }
            for (Map<String, Object> reference : list(map(operation).get("messages"))) {
                Map<String, Object> message = resolve(reference);
                types.add((String) at(message, "payload", "properties", "type", "const"));
            }
        }
        return types;
    }

    private Map<String, Object> resolve(Map<String, Object> node) {
        Object reference = node.get("$ref");
        if (reference == null) {
            return node;
        }
        String[] path = ((String) reference).substring("#/".length()).split("/");
        return resolve(map(at(document, path)));
    }

    private static Object at(Map<String, Object> node, String... path) {
        Object current = node;
        for (String key : path) {
            current = map(current).get(key);
            assertThat(current).as("%s in %s", key, DOCUMENT).isNotNull();
        }
        return current;
    }

    private static Set<String> wire(ServerFrameType... types) {
        Set<String> wire = new TreeSet<>();
        for (ServerFrameType type : types) {
            wire.add(type.wire());
        }
        return wire;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return (List<Map<String, Object>>) node;
    }

    private static Map<String, Object> read() {
        try {
            return new Yaml().load(Files.readString(DOCUMENT));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DOCUMENT.toAbsolutePath(), e);
        }
    }
}
