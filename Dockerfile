# One Switchboard node. Build context: the repository root.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 switchboard \
    && useradd --system --uid 10001 --gid switchboard --home-dir /app --no-create-home --shell /usr/sbin/nologin \
        switchboard
WORKDIR /app
COPY --from=build /src/gateway/target/switchboard.jar /app/switchboard.jar
EXPOSE 8080
# Not root. The jar stays root's, so the node cannot change it; a node on PostgreSQL writes nothing but its log (to
# stdout) and Tomcat's scratch files (under /tmp). A numeric id, so that a runtime that only allows non-root users
# (Kubernetes' runAsNonRoot) can tell without looking the name up.
USER 10001:10001
# SIGTERM reaches the JVM directly (no shell), so the node drains: 1001 to clients, SERVER_SHUTDOWN in the log.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/switchboard.jar"]
