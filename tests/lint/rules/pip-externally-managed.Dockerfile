# Cases for DD3002 pip-externally-managed. `# expect: DD3002` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM debian:bookworm AS bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip python3-venv
# expect: DD3002
RUN pip3 install --no-cache-dir requests
# expect: DD3002
RUN python3 -m pip install --user requests
RUN pip install --break-system-packages requests
RUN PIP_BREAK_SYSTEM_PACKAGES=1 pip install requests
RUN pip install --target /opt/libs requests
# A venv's own pip, by path.
RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install requests
ENV PATH=/opt/venv/bin:$PATH
# The venv is active on PATH now.
RUN pip install requests

FROM debian:bullseye AS bullseye
RUN apt-get update && apt-get install -y python3-pip
# Debian 11 has no PEP 668 marker.
RUN pip3 install requests

FROM ubuntu:24.04 AS noble
RUN apt-get update && apt-get install -y python3-pip
ENV PIP_BREAK_SYSTEM_PACKAGES=1
RUN pip3 install requests

FROM ubuntu:24.04 AS noble-plain
RUN apt-get update && apt-get install -y python3-pip
# expect: DD3002
RUN sudo -H pip3 install requests

FROM python:3.12-slim AS official
# The official images' /usr/local Python is not externally managed.
RUN pip install --no-cache-dir requests

FROM mycorp/base:cpu AS unknown
RUN pip install requests
