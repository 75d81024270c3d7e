# Cases for DD3004 python-not-provided. `# expect: DD3004` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM debian:bookworm AS distro
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip
RUN python3 -c 'print(1)' && pip3 --version
USER appuser
# expect: DD3004
RUN python -c 'import sys; print(sys.version)'
# pip comes with python3-pip on Debian.
RUN pip --version
# expect: DD3004
CMD ["python", "app.py"]
# expect: DD3004
ENTRYPOINT exec python -m app
# expect: DD3004
HEALTHCHECK CMD ["/usr/bin/env", "python", "-c", "1"]

FROM debian:bookworm AS linked
RUN apt-get update && apt-get install -y python3 python-is-python3
RUN python --version
CMD ["python", "app.py"]

FROM debian:bookworm AS symlink
RUN apt-get update && apt-get install -y python3 && ln -s /usr/bin/python3 /usr/local/bin/python
RUN python --version

FROM debian:bookworm AS venv
RUN apt-get update && apt-get install -y python3 python3-venv && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# The venv provides python and pip.
RUN python -m pip install requests && pip --version
CMD ["python", "-m", "app"]

FROM ubuntu:24.04 AS no-pip
RUN apt-get update && apt-get install -y python3
# expect: DD3004
RUN pip install requests
# `python` named only as an argument is not a command.
RUN echo python > /tmp/name

FROM python:3.12-slim AS official
RUN python -m pip install --no-cache-dir requests
CMD ["python", "app.py"]

FROM mycorp/base:cpu AS unknown
RUN python app.py
CMD ["python", "app.py"]
