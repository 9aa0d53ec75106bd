# Build stage: compile and package the runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY server/pom.xml server/
RUN mvn -q -B -ntp -f server/pom.xml dependency:go-offline || true
COPY server server
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
ENV GATEWAY_DOCTOR_DATA=/app/data DJL_CACHE_DIR=/tmp/djl.ai
COPY --from=build /src/server/target/gateway-doctor.jar /app/gateway-doctor.jar
COPY kb /app/kb
COPY web /app/web
USER gateway
EXPOSE 7070
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://localhost:7070/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/gateway-doctor.jar"]
CMD ["--port", "7070", "--kb", "/app/kb"]
