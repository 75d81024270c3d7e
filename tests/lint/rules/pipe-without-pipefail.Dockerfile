# Cases for DD4001 pipe-without-pipefail. `# expect: DD4001` marks a finding on the next instruction.
FROM debian:bookworm-slim AS plain
# expect: DD4001
RUN curl -fsSL https://example.com/versions.json | jq -r .latest > /tmp/version
# expect: DD4001
RUN apt-get update && VERSION=$(curl -s https://example.com/latest | jq -r .tag) && echo "$VERSION"
# expect: DD4001
RUN curl -fsSL https://example.com/a | sh; set -o pipefail; curl -fsSL https://example.com/b | sh
# expect: DD4001
RUN set -o pipefail && set +o pipefail && wget -qO- https://example.com/x | sort -u > /list
# expect: DD4001
RUN (set -o pipefail) && gzip -dc /tmp/x.gz | tee /x
# expect: DD4001
RUN bash <<EOF
curl -fsSL https://example.com/x | python3 - --prefix /usr/local
EOF
# expect: DD4001
RUN curl -fsSL https://example.com/key | gpg --dearmor | tee /usr/share/keyrings/x.gpg
# expect: DD4001
RUN curl -fsSL https://example.com/x.tar | tar -c -f /tmp/out.tar -T -
RUN curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/x.gpg
RUN curl -fsSL https://example.com/key | apt-key add -
RUN curl -fsSL https://example.com/key | gpg --dearmor | apt-key add -
RUN gpg --fingerprint ABCDEF | grep "Key fingerprint" && arch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"
# expect: DD4001
RUN arch="$(dpkg --print-architecture | awk -F- '{ print $NF }')" && curl -fsSL "https://example.com/$arch" | sh
RUN wget -qO- https://example.com/x.tar.xz | tar xJ -C /opt && curl -fsSL https://example.com/y.gz | gunzip > /y
RUN echo "deb http://deb.debian.org/debian bookworm main" | tee /etc/apt/sources.list.d/extra.list
RUN printf '%s\n' a b | sort > /tmp/sorted && yes | head -n 1
RUN set -euo pipefail; curl -fsSL https://example.com/x | tar -xz
RUN set -o errexit -o pipefail && curl -fsSL https://example.com/x | tar -xz
RUN ["/bin/sh", "-c", "curl -fsSL https://example.com/x | tar -xz"]
RUN cat <<EOF | tee /etc/motd
hello
EOF
RUN <<EOF
#!/bin/bash -eo pipefail
curl -fsSL https://example.com/x | tar -xz
EOF
RUN curl -fsSL https://example.com/x -o /tmp/x && echo "a || b" && true
FROM debian:bookworm-slim AS with-shell
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/x | tar -xz
RUN <<EOF
curl -fsSL https://example.com/x | tar -xz
EOF
FROM with-shell AS inherits
RUN wget -qO- https://example.com/x | tar -xz
# expect: DD4001
RUN <<EOF
#!/bin/sh
wget -qO- https://example.com/x | sed -e 's/#.*//' > /etc/hosts.extra
EOF
FROM alpine:3.20 AS alpine
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
RUN wget -qO- https://example.com/x | tar -xz
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS windows
SHELL ["powershell", "-Command"]
RUN Get-Content x.txt | Select-String foo
