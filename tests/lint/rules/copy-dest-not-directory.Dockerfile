# Cases for DD5003 copy-dest-not-directory. `# expect: DD5003` marks a finding on the next instruction.
FROM debian:bookworm-slim AS base
# expect: DD5003
COPY requirements.txt .
# expect: DD5003
WORKDIR app
WORKDIR src
COPY setup.py setup.cfg ./
COPY pyproject.toml .
FROM debian:bookworm-slim AS absolute
WORKDIR /app
# expect: DD5003
COPY main.py cache.py /app/bin
# expect: DD5003
ADD a.tar.gz b.tar.gz /opt
# expect: DD5003
COPY --from=base /usr/lib/x /usr/lib/y /usr/local/lib
COPY main.py cache.py /app/bin/
COPY main.py cache.py .
COPY *.py /app/
COPY target/*.jar app.jar
COPY config.ini settings/
COPY a b ${DEST}
FROM absolute AS child
WORKDIR "relative-after-absolute"
COPY app.py relative/
FROM alpine:3.20 AS nothing-set
# expect: DD5003, DD5003
COPY a.txt b.txt data
COPY a.txt /data/
FROM alpine:3.20 AS quoted
WORKDIR "/usr/src/app/"
COPY "a b.txt" c.txt "./"
FROM scratch
COPY app .
