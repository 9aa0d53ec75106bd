# Build stage: compile and package the runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY server/pom.xml server/
RUN mvn -q -B -ntp -f server/pom.xml dependency:go-offline || true
COPY server server
# The bundled KB's fitted weights are built into the jar as the matcher's defaults.
COPY kb/eval/weights.json kb/eval/weights-semantic.json kb/eval/
RUN mvn -q -B -ntp -DskipTests package

# Run stage: a JRE, Tesseract for screenshots, and a non-root user.
FROM eclipse-temurin:17-jre
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-eng curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /app gateway \
 && mkdir -p /app/data && chown gateway /app/data
WORKDIR /app
# KB sentence vectors survive restarts when /app/data is a volume; the tokenizer's native library
# is unpacked where the unprivileged user may write.
ENV GATEWAY_DOCTOR_DATA=/app/data DJL_CACHE_DIR=/tmp/djl.ai GATEWAY_DOCTOR_SEMANTIC=on
COPY --from=build /src/server/target/gateway-doctor.jar /app/gateway-doctor.jar
COPY kb /app/kb
COPY web /app/web
USER gateway
# Heap as a share of the container's memory limit (the bundled KB itself needs a few MB), a small-
# footprint collector for few cores, and exit on OutOfMemoryError so the orchestrator restarts it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=10 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
EXPOSE 7070
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://localhost:7070/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/gateway-doctor.jar"]
CMD ["--port", "7070", "--kb", "/app/kb"]
