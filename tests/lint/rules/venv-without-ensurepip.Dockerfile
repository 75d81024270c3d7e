# Cases for DD3001 venv-without-ensurepip. `# expect: DD3001` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM debian:bookworm AS distro
RUN apt-get update && apt-get install -y --no-install-recommends python3
# expect: DD3001
RUN python3 -m venv /opt/venv
# --without-pip works without ensurepip.
RUN python3 -m venv --without-pip /opt/bare
# expect: DD3001
RUN python3 -m ensurepip --upgrade
# virtualenv and uv bundle their own bootstrap.
RUN python3 -m virtualenv /opt/v2 || true

FROM debian:bookworm AS same-chain
# Installed earlier in the same RUN: fine.
RUN apt-get update && apt-get install -y python3 python3-venv && python3 -m venv /opt/venv

FROM debian:bookworm AS chain-without-venv
# expect: DD3001
RUN apt-get update && apt-get install -y python3 && python3 -m venv /opt/venv2

FROM ubuntu:24.04 AS versioned
RUN apt-get update && apt-get install -y python3 python3.12-venv
RUN python3 -m venv /opt/venv
# Inside the venv, ensurepip works.
ENV PATH=/opt/venv/bin:$PATH
RUN python3 -m ensurepip

FROM ubuntu:22.04 AS full
RUN apt-get update && apt-get install -y python3-full && python3 -m venv /venv

FROM versioned AS inherits
# The earlier stage's python3.12-venv is still installed.
RUN python3 -m venv /opt/other

FROM python:3.12-slim AS official
# The official image builds its own Python, with ensurepip.
RUN python3 -m venv /opt/venv && python -m ensurepip

FROM mycorp/base:cpu AS unknown
# Unknown base: nothing is asserted.
RUN python3 -m venv /opt/venv

FROM debian:bookworm-slim AS no-python
# python3 is not installed at all: another rule's business (DD2006), not this one.
RUN python3 -m venv /opt/venv
