# Selfheal service image: built from the sources, runs as a non-root user in a 512 MB heap.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml spotbugs-exclude.xml ./
COPY sql sql
COPY src src
RUN ./mvnw -B -ntp -q package -DskipTests -Dspotbugs.skip=true

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/selfheal selfheal && mkdir -p /var/lib/selfheal/logs /var/lib/selfheal/routes \
    && chown -R selfheal /var/lib/selfheal
WORKDIR /var/lib/selfheal
COPY --from=build /src/target/selfheal.jar /opt/selfheal/selfheal.jar
COPY routes/ /var/lib/selfheal/routes/
USER selfheal
EXPOSE 8080
ENTRYPOINT ["java", "-Xmx512m", "-jar", "/opt/selfheal/selfheal.jar"]
