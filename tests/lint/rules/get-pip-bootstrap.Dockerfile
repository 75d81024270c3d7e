# Cases for DD3003 get-pip-bootstrap. `# expect: DD3003` marks a finding on the next
# instruction; every other instruction must stay silent for this rule.
FROM debian:bullseye AS old
RUN apt-get update && apt-get install -y curl python3
# expect: DD3003
RUN curl -fsSL https://bootstrap.pypa.io/get-pip.py | python3
# expect: DD3003
RUN curl -fsSLO https://bootstrap.pypa.io/get-pip.py && python3 get-pip.py && rm get-pip.py
# expect: DD3003
ADD https://bootstrap.pypa.io/get-pip.py /tmp/get-pip.py
RUN apt-get install -y python3-pip && pip3 --version
# Only a mention.
RUN echo "do not use get-pip" > /tmp/note

FROM debian:bookworm AS bookworm
RUN apt-get update && apt-get install -y wget python3
# expect: DD3003
RUN wget -qO- https://bootstrap.pypa.io/get-pip.py | python3 - --break-system-packages
# expect: DD3003
RUN wget -q https://bootstrap.pypa.io/get-pip.py && python3 get-pip.py
