package dev.switchboard.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operations console in a real browser against a node on PostgreSQL: what an operator on call clicks and sees.
 * Every wait is for something on the page; each page is saved as a screenshot under target/screenshots/. In order,
 * so that no earlier test's socket is still closing while the live count is read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT extends PostgresIntegrationTest {

    /** The states of a rebuild under way; it ends SWITCHED, or FAILED (found differences and did not repair them). */
    private static final Set<String> RUNNING = Set.of("REBUILDING", "VERIFYING");

    private static final String REGISTRY = "/api/projections/registry";

    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    NodeIdentity node;

    @Autowired
    ConnectionRegistry registry;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void anOperatorSignsInWithAnAdminTokenAfterAUserTokenIsRefused() {
        browser.open(url("/console/")).await(urlContains("/console/signin.html"));
        browser.screenshot("signin");

        browser.type("#token", Tokens.user(Tokens.newUserId()));
        browser.find("#sign-in").click();
        browser.await(textToBePresentInElementLocated(By.id("signin-error"), "lacks scope admin"));

        signIn();
        browser.await(attributeToBe(By.id("live-status"), "data-live", "live"));
        browser.await(presenceOfElementLocated(By.cssSelector("#nodes tr[data-node='" + node.id() + "']")));
        assertThat(browser.find("#nodes tr[data-node='" + node.id() + "']").getAttribute("data-lease"))
                .isEqualTo("ALIVE");
    }

    @Test
    @Order(2)
    void anOperatorRebuildsTheRegistryAndWatchesItSwitch() {
        signIn();
        browser.await(presenceOfElementLocated(By.cssSelector("#projection-state[data-state]")));
        var api = new ApiClient(port);
        String earlierRun = api.get(REGISTRY, Tokens.admin())
                .body()
                .at("/rebuild/startedAt")
                .asText();

        browser.await(elementToBeClickable(By.id("rebuild"))).click();
        // this run, not one an earlier test left in the shared database's status, and only once it has ended
        JsonNode finished = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.get(REGISTRY, Tokens.admin()).body(),
                        status -> !RUNNING.contains(status.path("state").asText())
                                && !status.at("/rebuild/startedAt").asText().equals(earlierRun));
        assertThat(finished.path("state").asText())
                .as("the registry matches the log, so the rebuild must switch: %s", finished)
                .isEqualTo("SWITCHED");
        String message = finished.at("/rebuild/message").asText();
        assertThat(message).startsWith("The live registry equals a fresh replay of the log");
        browser.await(
                driver -> "SWITCHED".equals(browser.find("#projection-state").getAttribute("data-state"))
                        && browser.find("#rebuild-message").getText().equals(message));

        assertThat(browser.find("#rebuild-differences").findElements(By.tagName("li")))
                .isEmpty();
        assertThat(browser.find("#rebuild-progress").isDisplayed()).isTrue();
        WebElement bar = browser.find("#rebuild-bar");
        assertThat(bar.getDomProperty("value")).isEqualTo(bar.getDomProperty("max"));
    }

    @Test
    @Order(3)
    void theLiveCountGoesUpWhenAClientConnectsAndASearchFindsIt() {
        signIn();
        browser.await(attributeToBe(By.id("live-status"), "data-live", "live"));
        long before = readyOnThisNode();

        String user = Tokens.newUserId();
        try (TestSocket client = TestSocket.connect(port)) {
            String connection =
                    client.authenticate(Tokens.user(user)).path("connectionId").asText();

            browser.await(driver -> readyOnThisNode() == before + 1);
            browser.screenshot("console");

            browser.type("#search-input", user);
            browser.find("#search-button").click();
            browser.await(presenceOfElementLocated(
                    By.cssSelector("#search-results tr[data-connection='" + connection + "']")));
        }
    }

    @Test
    @Order(4)
    void aConnectionsTimelineShowsItsEventsInOrder() {
        String preliminaryId;
        String finalId;
        try (TestSocket client = TestSocket.connect(port)) {
            preliminaryId = client.expect("welcome").path("connectionId").asText();
            client.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(Tokens.newUserId()) + "\"}");
            finalId = client.expect("ready").path("connectionId").asText();
        }
        await().atMost(Browser.WAIT).until(() -> registry.find(finalId)
                .filter(row -> row.state() == ConnectionState.CLOSED)
                .isPresent());
        signIn();

        browser.open(url("/console/timeline.html?connection=" + finalId));
        String lane = "svg g.mark[data-lane='" + preliminaryId + "']";
        browser.await(numberOfElementsToBe(By.cssSelector(lane), 6));

        List<WebElement> marks = browser.driver.findElements(By.cssSelector(lane));
        assertThat(marks)
                .extracting(mark -> mark.getAttribute("data-type"))
                .containsExactly(
                        "ConnectionOpened",
                        "ConnectionAuthenticated",
                        "ConnectionIdMigrated",
                        "FinalIdClaimed",
                        "ConnectionMarkedReady",
                        "ConnectionClosed");
        assertThat(marks)
                .extracting(mark -> Long.parseLong(mark.getAttribute("data-position")))
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(marks.get(0).findElement(By.tagName("title")).getAttribute("textContent"))
                .contains("ConnectionOpened · position " + marks.get(0).getAttribute("data-position"), "— → OPENED");
        assertThat(browser.driver.findElements(By.cssSelector("svg rect.band[data-state='READY']")))
                .isNotEmpty();
        browser.screenshot("timeline-connection");
    }

    @Test
    @Order(5)
    void aUsersTimelineShowsItsConnectionsSideBySideWithTheRefusalAndTheAgentEvents() {
        String user = Tokens.newUserId();
        try (TestSocket first = TestSocket.connect(port);
                TestSocket second = TestSocket.connect(port)) {
            first.authenticate(Tokens.user(user));
            first.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"hello\"}");
            first.expect("ack");
            JsonNode last = first.next(5).get(4);
            assertThat(last.path("event").asText()).isEqualTo("agent_completed");
            second.authenticate(Tokens.user(user));
            second.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(Tokens.newUserId()) + "\"}");
            assertThat(second.awaitClose()).isEqualTo(4003); // another user on the same socket: refused, closed
        }
        signIn();

        browser.open(url("/console/timeline.html?user=" + user));
        browser.await(numberOfElementsToBe(By.cssSelector("svg g.mark[data-type='AgentEventPublished']"), 5));
        browser.await(presenceOfElementLocated(By.cssSelector("svg g.mark[data-type='ConnectionCommandRejected']")));

        assertThat(browser.driver.findElements(By.cssSelector("svg g.lane"))).hasSize(3); // feed and two connections
        assertThat(browser.driver.findElements(By.cssSelector("svg path.delivery.delivered")))
                .hasSize(5);
        browser.screenshot("timeline");
    }

    @Test
    @Order(6)
    void theDemoPageWalksTheGoldenPathToAgentCompleted() {
        browser.open(url("/console/demo.html"));
        browser.type("#demo-token", Tokens.user(Tokens.newUserId()));
        browser.find("#demo-connect").click();
        browser.await(attributeToBe(By.id("demo-state"), "data-state", "READY"));
        browser.await(textToBePresentInElementLocated(By.id("demo-registry"), "The registry agrees: READY"));

        browser.await(elementToBeClickable(By.id("demo-send"))).click();
        browser.await(visibilityOfElementLocated(By.cssSelector("#demo-events li[data-event='agent_completed']")));

        assertThat(browser.driver.findElements(By.cssSelector("#demo-events li")))
                .extracting(item -> item.getAttribute("data-event"))
                .containsExactly(
                        "ack",
                        "agent_started",
                        "agent_thinking",
                        "tool_executing",
                        "tool_completed",
                        "agent_completed");
        browser.screenshot("demo");

        browser.find("#demo-disconnect").click();
        browser.await(attributeToBe(By.id("demo-state"), "data-state", "CLOSED"));
    }

    private void signIn() {
        browser.open(url("/console/signin.html"));
        browser.type("#token", Tokens.admin());
        browser.find("#sign-in").click();
        browser.await(urlContains("/console/"));
        browser.await(presenceOfElementLocated(By.id("live-status")));
    }

    /** This node's READY count in the live table; 0 while the node has no row. */
    private long readyOnThisNode() {
        var cells = browser.driver.findElements(
                By.cssSelector("#live-nodes td[data-node='" + node.id() + "'][data-state='READY']"));
        return cells.isEmpty() ? 0 : Long.parseLong(cells.get(0).getText().replace(",", ""));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
