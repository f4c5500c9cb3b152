# syntax=docker/dockerfile:1
# the fake LLM server, for load tests (never in front of real users). Build from the repository root:
#   docker build -f docker/fake-llm-server.Dockerfile -t fake-llm-server .

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY common-model common-model
COPY common-storage common-storage
COPY common-metrics common-metrics
COPY common-cloud common-cloud
COPY fake-llm-server fake-llm-server
COPY gateway-service gateway-service
COPY middleware-service middleware-service
# the Maven repository is a build cache, so a source change does not download every dependency again
RUN --mount=type=cache,target=/root/.m2 \
	./mvnw -B -q -DskipTests -pl fake-llm-server -am package
COPY docker/healthcheck/HealthCheck.java /src/healthcheck/
RUN javac --release 17 -d /src/healthcheck /src/healthcheck/HealthCheck.java

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home \
	--shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /src/fake-llm-server/target/fake-llm-server.jar /app/fake-llm-server.jar
COPY --from=build /src/healthcheck/HealthCheck.class /app/healthcheck/
USER 10001:10001
# heap as a share of the container's memory limit, not the host's; ZGC (generational by default since JDK 23)
# keeps pauses under a millisecond; fail fast on OOM so the orchestrator replaces the task
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50 -XX:+UseZGC -XX:+ExitOnOutOfMemoryError" \
	SERVER_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
	CMD ["java", "-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", "/app/healthcheck", "HealthCheck", "http://127.0.0.1:8080/health"]
# the same java -jar and environment contract as scripts/quickstart.sh; exec keeps java as PID 1 so that SIGTERM
# reaches it and the graceful shutdown runs
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/fake-llm-server.jar"]
