# Cases for DD2001 apt-install-without-yes. `# expect: DD2001` marks a finding on the next instruction.
FROM debian:bookworm-slim AS base
# expect: DD2001
RUN apt-get update && apt-get install --no-install-recommends curl
# expect: DD2001
RUN DEBIAN_FRONTEND=noninteractive apt-get install -q curl
# expect: DD2001
RUN apt update && apt install git
# expect: DD2001, DD2001
RUN apt-get -o Dpkg::Options::=--force-confold install ca-certificates && apt-get purge wget
# expect: DD2001
RUN cat /tmp/packages | xargs apt-get install
# expect: DD2001
RUN sudo -E apt-get dist-upgrade
# expect: DD2001
RUN if [ -f /etc/debian_version ]; then apt-get install make; fi
RUN apt-get update
RUN apt-get install -y curl
RUN apt-get install --yes curl && apt-get -qy install git
RUN apt-get install --assume-yes curl
RUN apt-get -qq install curl
RUN apt-get -q -q install curl
RUN apt-get -o APT::Get::Assume-Yes=true install curl
RUN yes | apt-get install curl
RUN apt-get install -s curl
RUN apt-get -y --no-install-recommends install python3 && apt-get -y autoremove
RUN apt-cache policy curl && apt list --installed
RUN echo "apt-get install curl" > /notes.txt
RUN ["apt-get", "install", "curl"]
FROM base AS configured
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes
RUN apt-get install curl
FROM configured AS child
RUN apt-get install git
