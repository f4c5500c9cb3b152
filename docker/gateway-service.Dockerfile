# syntax=docker/dockerfile:1
# the gateway (LiteLLM proxy replacement). Build from the repository root:
#   docker build -f docker/gateway-service.Dockerfile -t gateway-service .

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
# the built-in model catalog goes into the jar (BuiltInCatalog)
COPY config config
COPY middleware-service middleware-service
# the Maven repository is a build cache, so a source change does not download every dependency again
RUN --mount=type=cache,target=/root/.m2 \
	./mvnw -B -q -DskipTests -pl gateway-service -am package
COPY docker/healthcheck/HealthCheck.java /src/healthcheck/
RUN javac --release 17 -d /src/healthcheck /src/healthcheck/HealthCheck.java

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home \
	--shell /usr/sbin/nologin app
WORKDIR /app
# the embedded database (used only when DATABASE_URL is unset) and config/config.yaml live under /app
RUN mkdir -p /app/data /app/config && chown app:app /app/data
COPY --from=build /src/gateway-service/target/gateway-service.jar /app/gateway-service.jar
COPY --from=build /src/healthcheck/HealthCheck.class /app/healthcheck/
USER 10001:10001
# a fixed heap sized for a 2 vCPU / 4 GiB task holding both services (docs/benchmarks.md, 2026-12-06 memory): the
# gateway stays under 512 MB resident under sustained load and the middleware under 256 MB, with G1 (lower
# resident memory than ZGC at this heap, shorter pauses than Serial); code cache, metaspace, thread stacks and
# direct buffers bounded too; Netty's leak detection off; Netty's pooled allocator rather than 4.2's adaptive one, whose
# per-buffer bookkeeping was a twentieth of a cache hit (docs/benchmarks.md, session 19); fail fast on OOM so the
# orchestrator replaces the task.
# Set JAVA_OPTS to give a larger task more heap (the in-flight body budget is an eighth of it).
ENV JAVA_OPTS="-XX:+UseG1GC -Xms64m -Xmx256m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m -Xss512k -XX:MaxDirectMemorySize=64m -Dio.netty.leakDetection.level=disabled -Dio.netty.allocator.type=pooled -XX:+ExitOnOutOfMemoryError" \
	SERVER_PORT=4000
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
	CMD ["java", "-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", "/app/healthcheck", "HealthCheck", "http://127.0.0.1:4000/health/liveliness"]
# the same java -jar and environment contract as scripts/quickstart.sh; exec keeps java as PID 1 so that SIGTERM
# reaches it and the graceful shutdown runs
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/gateway-service.jar"]
