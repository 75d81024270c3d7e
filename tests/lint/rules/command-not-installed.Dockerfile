# Cases for DD2006 command-not-installed. `# expect: DD2006` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM debian:bookworm-slim AS slim
RUN apt-get update && apt-get install -y --no-install-recommends wget ca-certificates
# expect: DD2006
RUN curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz
RUN wget -q https://example.com/tool.tar.gz
# Installed earlier in the same chain: fine.
RUN apt-get update && apt-get install -y git && git clone https://example.com/repo.git /src
# Guarded by a probe: the author knows it may be missing.
RUN if command -v unzip >/dev/null; then unzip a.zip; fi
# Named only as an argument.
RUN echo curl wget make > /tmp/tools

FROM slim AS child
# git was installed in the parent stage.
RUN git --version
# expect: DD2006
RUN unzip -q /tmp/a.zip -d /opt

FROM debian:bookworm-slim AS builder
# expect: DD2006
RUN cd /src && make install

FROM alpine:3.20 AS alpine
# busybox has wget, not curl.
RUN wget -q https://example.com/x
# expect: DD2006
RUN curl -fsSL https://example.com/x
RUN apk add --no-cache curl && curl -fsSL https://example.com/x

FROM python:3.12 AS full
# The full python images are built on buildpack-deps: curl, git and gcc are there.
RUN curl -fsSL https://example.com/x && git --version && gcc --version

FROM python:3.12-slim AS python-slim
# expect: DD2006
RUN git clone https://example.com/repo.git

FROM mycorp/base:cpu AS unknown
RUN curl -fsSL https://example.com/x

FROM debian:bookworm-slim AS opened
# A script ran: it may have installed anything.
RUN apt-get update && apt-get install -y curl && curl -fsSL https://example.com/install.sh | sh
RUN make --version

FROM debian:bookworm-slim AS variable-packages
# Packages named through a variable: anything may be installed.
RUN buildDeps='curl ca-certificates' && apt-get update && apt-get install -y $buildDeps && curl -fsSL https://example.com/x
