# One Switchboard node. Build context: the repository root.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/gateway/target/switchboard.jar /app/switchboard.jar
EXPOSE 8080
# SIGTERM reaches the JVM directly (no shell), so the node drains: 1001 to clients, SERVER_SHUTDOWN in the log.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/switchboard.jar"]
