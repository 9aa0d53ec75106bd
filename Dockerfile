# syntax=docker/dockerfile:1
# Gateway Doctor: build the jar with Maven, run it on a JRE with Tesseract for screenshots.
# Base images are pinned by tag and digest; update both together.

# Build stage. The poms are copied first and their dependencies resolved in a layer of their own
# (failing loudly: no "|| true"), so a change to the sources reuses it; the Maven repository is a
# BuildKit cache mount, so even a changed pom downloads only what is new.
FROM maven:3.9.9-eclipse-temurin-17@sha256:f58d59b6273e785ac0a4477f6e9b5ba1d7731c75b906c0f7b34076f1851318cc AS build
WORKDIR /src
COPY pom.xml ./
COPY server/pom.xml server/
RUN --mount=type=cache,id=gateway-doctor-m2,target=/root/.m2 \
    mvn -B -ntp dependency:go-offline
COPY server/src server/src
# The bundled KB's fitted weights are built into the jar as the matcher's defaults.
COPY kb/eval/weights.json kb/eval/weights-semantic.json kb/eval/
RUN --mount=type=cache,id=gateway-doctor-m2,target=/root/.m2 \
    mvn -B -ntp -DskipTests package \
 && cp server/target/gateway-doctor.jar /gateway-doctor.jar

# Run stage: a JRE, Tesseract with English, curl for the health check, a numeric non-root user
# (Kubernetes' runAsNonRoot checks the number).
FROM eclipse-temurin:17.0.15_6-jre-noble@sha256:0983100c459fedd413153282c048a66d622b31894308131aafbd07634c1ce3c7
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="Gateway Doctor" \
      org.opencontainers.image.description="A self-hosted support assistant for web-gateway errors" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17.0.15_6-jre-noble"
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-eng curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 gateway \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home gateway \
 && mkdir -p /app/data && chown 10001:10001 /app/data
WORKDIR /app
# Data (outcomes, and KB sentence vectors with GATEWAY_DOCTOR_SEMANTIC=on) survives restarts when
# /app/data is a volume; the tokenizer's native library is unpacked where the unprivileged user may
# write. The semantic part is on, as in the launcher (GATEWAY_DOCTOR_SEMANTIC=off turns it off):
# see the README's matching section.
ENV GATEWAY_DOCTOR_DATA=/app/data DJL_CACHE_DIR=/tmp/djl.ai GATEWAY_DOCTOR_SEMANTIC=on
COPY --from=build /gateway-doctor.jar /app/gateway-doctor.jar
COPY kb /app/kb
COPY web /app/web
ENV GATEWAY_DOCTOR_PORT=7070 \
    GATEWAY_DOCTOR_WEB=/app/web \
    GATEWAY_DOCTOR_LOG_FORMAT=json
USER 10001:10001
EXPOSE 7070
# Shell form so that the port is the configured one.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${GATEWAY_DOCTOR_PORT}/health" >/dev/null || exit 1
# Exec form: java is PID 1 and gets SIGTERM itself (it drains, then exits 0). The heap follows the
# container's memory limit, at half of it: the sentence model, its tokenizer and the JVM's own
# mappings live outside the heap (about 250 MB with a 128 MB heap); an OutOfMemoryError ends the
# process so the orchestrator restarts it.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50.0", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/gateway-doctor.jar"]
CMD ["--kb", "/app/kb"]
